using System;
using Microsoft.Extensions.Logging;

namespace Sacred.Logging;

/// <summary>An <see cref="ILogger"/> writing Sacred's line format to a <see cref="LogSink"/>.</summary>
/// <param name="category">The logger name printed on each line.</param>
/// <param name="sink">Where lines go.</param>
internal sealed class SacredLogger(string category, LogSink sink) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => sink.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            sink.Write(logLevel, category, formatter(state, exception), exception);
        }
    }
}
