using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace Sacred.Logging;

/// <summary>Where log lines go: one writer (stderr), one threshold, one line at a time.</summary>
/// <param name="writer">The writer, normally stderr.</param>
/// <param name="threshold">The Python level below which lines are dropped.</param>
internal sealed class LogSink(TextWriter writer, int threshold)
{
    private readonly object _gate = new();

    public bool IsEnabled(LogLevel level) => level != LogLevel.None && PythonLogLevel.From(level) >= threshold;

    /// <summary>Writes <c>LEVEL - category - message</c>, then the exception (type, message, stack), if any.</summary>
    public void Write(LogLevel level, string category, string message, Exception? exception = null)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var line = $"{PythonLogLevel.Name(level)} - {category} - {message}\n";
        if (exception is not null)
        {
            line += exception.ToString().ReplaceLineEndings("\n") + "\n";
        }

        lock (_gate)
        {
            try
            {
                writer.Write(line);
                writer.Flush();
            }
            catch (IOException)
            {
                // stderr is gone (the terminal was closed): the run goes on, and its record still says how it ended.
            }
        }
    }
}
