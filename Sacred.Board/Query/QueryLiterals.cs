using System;
using System.Globalization;

namespace Sacred.Board.Query;

/// <summary>The value forms of the query language: numbers, durations (<c>1h30m</c>) and dates (<c>2026-11-01</c>).</summary>
internal static class QueryLiterals
{
    private static readonly string[] s_dateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
    ];

    public static bool TryNumber(string text, out double value, out long? integer)
    {
        integer = null;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            value = whole;
            integer = whole;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && !double.IsNaN(value) && !double.IsInfinity(value) && text.Length > 0 && (char.IsDigit(text[^1]) || text[^1] == '.');
    }

    /// <summary>Reads <c>90s</c>, <c>30m</c>, <c>1.5h</c>, <c>1h30m</c>, <c>2d</c>, <c>1w</c>, <c>500ms</c>.</summary>
    public static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var i = 0;
        var any = false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            double? ms = text[unitStart..i].ToLowerInvariant() switch
            {
                "ms" => 1,
                "s" or "sec" => 1000,
                "m" or "min" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                "w" => 604_800_000,
                _ => null,
            };
            if (ms is null)
            {
                return false;
            }

            duration += TimeSpan.FromMilliseconds(amount * ms.Value);
            any = true;
        }

        return any;
    }

    /// <summary>Reads a date or date-time written in the user's time zone (<paramref name="utcOffset"/>).</summary>
    public static bool TryDate(string text, TimeSpan utcOffset, out DateTime utc)
    {
        utc = default;
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            if (DateTime.TryParseExact(text[..^1], s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc))
            {
                return true;
            }

            return false;
        }

        if (!DateTime.TryParseExact(text, s_dateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        utc = DateTime.SpecifyKind(local - utcOffset, DateTimeKind.Utc);
        return true;
    }
}
