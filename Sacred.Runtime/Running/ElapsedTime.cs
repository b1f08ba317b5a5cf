using System;
using System.Globalization;

namespace Sacred.Running;

/// <summary>Formats durations as Python's <c>timedelta</c> prints whole seconds: <c>0:00:07</c>, <c>1 day, 2:03:04</c>.</summary>
internal static class ElapsedTime
{
    public static string Format(TimeSpan elapsed)
    {
        var total = (long)Math.Round(Math.Max(0, elapsed.TotalSeconds));
        var days = total / 86_400;
        var rest = total % 86_400;
        var clock = string.Format(CultureInfo.InvariantCulture, "{0}:{1:00}:{2:00}", rest / 3600, rest % 3600 / 60, rest % 60);
        return days == 0 ? clock : $"{days} day{(days == 1 ? "" : "s")}, {clock}";
    }
}
