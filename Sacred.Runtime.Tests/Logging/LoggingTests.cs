using System;
using System.IO;
using Microsoft.Extensions.Logging;
using Sacred.Logging;
using Xunit;

namespace Sacred.Runtime.Tests.Logging;

public sealed class LoggingTests
{
    [Fact]
    public void Lines_have_sacreds_format_and_exceptions_follow()
    {
        var writer = new StringWriter();
        var logger = new SacredLogger("exp.train", new LogSink(writer, 0));

        logger.LogTrace("t");
        logger.LogDebug("d");
        logger.LogInformation("i {Value}", 1.5);
        logger.LogWarning("w");
        logger.LogError(new InvalidOperationException("bad"), "e");
        logger.LogCritical("c");

        Assert.StartsWith(
            "TRACE - exp.train - t\nDEBUG - exp.train - d\nINFO - exp.train - i 1.5\nWARNING - exp.train - w\nERROR - exp.train - e\nSystem.InvalidOperationException: bad\n",
            writer.ToString(),
            StringComparison.Ordinal);
        Assert.EndsWith("CRITICAL - exp.train - c\n", writer.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20, LogLevel.Debug, false)]
    [InlineData(20, LogLevel.Information, true)]
    [InlineData(30, LogLevel.Information, false)]
    [InlineData(30, LogLevel.Warning, true)]
    [InlineData(25, LogLevel.Warning, true)]
    [InlineData(50, LogLevel.Error, false)]
    [InlineData(0, LogLevel.Trace, true)]
    [InlineData(0, LogLevel.None, false)]
    public void Threshold_is_a_python_level(int threshold, LogLevel level, bool enabled)
    {
        Assert.Equal(enabled, new SacredLogger("x", new LogSink(TextWriter.Null, threshold)).IsEnabled(level));
    }

    [Fact]
    public void Scopes_are_ignored()
    {
        Assert.Null(new SacredLogger("x", new LogSink(TextWriter.Null, 0)).BeginScope("scope"));
    }
}
