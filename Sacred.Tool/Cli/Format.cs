using System;
using System.Globalization;

namespace Sacred.Tool.Cli;

/// <summary>How values look in tables: invariant culture, UTC times without fractions, short durations.</summary>
internal static class Format
{
    public static string Time(DateTime? time) => time is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "",
        { TotalHours: >= 1 } d => $"{(int)d.TotalHours}h{d.Minutes:00}m",
        { TotalMinutes: >= 1 } d => $"{d.Minutes}m{d.Seconds:00}s",
        { } d => d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s",
    };

    public static string Number(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "";

    public static string Node(ConfigNode? node) => node is null || node.Kind == ConfigNodeKind.Null ? "" : node.ToLiteral();
}
