using System;
using System.Globalization;
using Sacred.Configuration;

namespace Sacred.Generated;

public static partial class ValueParsers
{
    /// <summary>
    /// Parses a time span: the invariant constant format (<c>00:05:00</c>, <c>1.02:00:00</c>) or a number with a
    /// unit suffix: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> (fractions allowed: <c>1.5h</c>).
    /// The text may be in quotes, as JSON files write it.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is a time span.</returns>
    public static bool TryParseTimeSpan(string text, out TimeSpan value)
    {
        value = default;
        var trimmed = Unquoted(text);

        // The constant format alone reads "5" as five days; a duration without a unit needs its colons.
        if (trimmed.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParseExact(trimmed, "c", CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        var (unitLength, ticksPerUnit) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.Ordinal) => (2, TimeSpan.TicksPerMillisecond),
            _ when trimmed.EndsWith('s') => (1, TimeSpan.TicksPerSecond),
            _ when trimmed.EndsWith('m') => (1, TimeSpan.TicksPerMinute),
            _ when trimmed.EndsWith('h') => (1, TimeSpan.TicksPerHour),
            _ when trimmed.EndsWith('d') => (1, TimeSpan.TicksPerDay),
            _ => (0, 0L),
        };
        if (unitLength == 0
            || !TryNormalizeFloat(trimmed[..^unitLength], out var number)
            || !double.TryParse(number, FloatStyle, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var ticks = Math.Round(amount * ticksPerUnit);
        if (!double.IsFinite(ticks) || ticks <= TimeSpan.MinValue.Ticks || ticks >= TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>
    /// Parses an ISO 8601 date or date-time (<c>2024-05-01</c>, <c>2024-05-01T12:30:00Z</c>,
    /// <c>2024-05-01T12:30:00.5+02:00</c>), keeping its kind as the round-trip format does. The text may be in quotes.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is an ISO 8601 date.</returns>
    public static bool TryParseDateTime(string text, out DateTime value)
    {
        value = default;
        var trimmed = Unquoted(text);
        return LooksLikeIsoDate(trimmed)
            && DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    private static bool LooksLikeIsoDate(string text) =>
        text.Length >= 10
        && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3])
        && text[4] == '-' && char.IsAsciiDigit(text[5]) && char.IsAsciiDigit(text[6])
        && text[7] == '-' && char.IsAsciiDigit(text[8]) && char.IsAsciiDigit(text[9])
        && (text.Length == 10 || text[10] is 'T' or ' ');

    private static string Unquoted(string text)
    {
        var trimmed = (text ?? "").Trim();
        return QuotedText.TryUnquote(trimmed, out var unquoted) ? unquoted.Trim() : trimmed;
    }
}
