using System;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Sacred.Logging;

/// <summary>Python logging's numeric levels and names, which <c>-l/--loglevel</c> takes and log lines print.</summary>
internal static class PythonLogLevel
{
    public const int Default = 20;

    /// <summary>The valid level names, for error messages.</summary>
    public const string ValidNames = "DEBUG, INFO, WARNING, ERROR, CRITICAL or a number 0-50";

    /// <summary>Parses a level name (any case; WARN and FATAL too) or a number from 0 to 50.</summary>
    public static bool TryParse(string text, out int level)
    {
        level = text.Trim().ToUpperInvariant() switch
        {
            "NOTSET" => 0,
            "DEBUG" => 10,
            "INFO" => 20,
            "WARNING" or "WARN" => 30,
            "ERROR" => 40,
            "CRITICAL" or "FATAL" => 50,
            _ => -1,
        };
        if (level >= 0)
        {
            return true;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out level) && level <= 50;
    }

    /// <summary>The Python level of a .NET log level; <see cref="LogLevel.None"/> is above every threshold.</summary>
    public static int From(LogLevel level) => level switch
    {
        LogLevel.Trace => 5,
        LogLevel.Debug => 10,
        LogLevel.Information => 20,
        LogLevel.Warning => 30,
        LogLevel.Error => 40,
        LogLevel.Critical => 50,
        _ => int.MaxValue,
    };

    /// <summary>The name a log line prints.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };
}
