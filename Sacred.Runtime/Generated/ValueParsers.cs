using System;
using System.ComponentModel;
using System.Globalization;
using Sacred.Configuration;

namespace Sacred.Generated;

/// <summary>
/// Parses command-line text by a config key's compile-time type; generated <c>TryApply</c> code calls these.
/// All parsers trim the text and use the invariant culture. Numbers accept the forms Python users type:
/// <c>1e-3</c>, <c>-.3e-7</c>, <c>1_000</c>, and for integers <c>0x1F</c>, <c>0o17</c>, <c>0b101</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ValueParsers
{
    /// <summary>Parses a 32-bit integer.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is an integer in range.</returns>
    public static bool TryParseInt32(string text, out int value)
    {
        value = 0;
        if (!TryParseInteger(text, out var wide) || wide is < int.MinValue or > int.MaxValue)
        {
            return false;
        }

        value = (int)wide;
        return true;
    }

    /// <summary>Parses a 64-bit integer.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is an integer in range.</returns>
    public static bool TryParseInt64(string text, out long value) => TryParseInteger(text, out value);

    /// <summary>Parses a single-precision float; finite text that overflows is rejected.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is a number.</returns>
    public static bool TryParseSingle(string text, out float value)
    {
        value = 0;
        if (TryParseSpecialFloat(text, out var special))
        {
            value = (float)special;
            return true;
        }

        if (!TryNormalizeFloat(text, out var normalized)
            || !float.TryParse(normalized, FloatStyle, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        return float.IsFinite(value);
    }

    /// <summary>Parses a double; accepts <c>inf</c>, <c>-inf</c>, <c>nan</c> (any case) and <c>Infinity</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is a number.</returns>
    public static bool TryParseDouble(string text, out double value)
    {
        if (TryParseSpecialFloat(text, out value))
        {
            return true;
        }

        if (!TryNormalizeFloat(text, out var normalized)
            || !double.TryParse(normalized, FloatStyle, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        return double.IsFinite(value);
    }

    /// <summary>Parses a decimal, exponent forms included.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is a number in range.</returns>
    public static bool TryParseDecimal(string text, out decimal value)
    {
        value = 0;
        return TryNormalizeFloat(text, out var normalized)
            && decimal.TryParse(normalized, FloatStyle, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses <c>true</c> or <c>false</c> in any case (so Python's <c>True</c>/<c>False</c> too).</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is a boolean.</returns>
    public static bool TryParseBoolean(string text, out bool value)
    {
        var trimmed = (text ?? "").Trim();
        value = trimmed.Equals("true", StringComparison.OrdinalIgnoreCase);
        return value || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Parses a string: text in double or single quotes is unquoted (JSON escapes resolved); any other text is
    /// taken as it is, trimmed.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The value.</param>
    /// <returns>True unless <paramref name="text"/> is null.</returns>
    public static bool TryParseString(string text, out string value)
    {
        value = "";
        if (text is null)
        {
            return false;
        }

        var trimmed = text.Trim();
        value = QuotedText.TryUnquote(trimmed, out var unquoted) ? unquoted : trimmed;
        return true;
    }

    /// <summary>True when the text means "no value": <c>null</c> or Python's <c>None</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>True for a null literal.</returns>
    public static bool IsNull(string text)
    {
        var trimmed = (text ?? "").Trim();
        return trimmed is "null" or "None";
    }

    private const NumberStyles FloatStyle =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private static bool TryParseSpecialFloat(string text, out double value)
    {
        var trimmed = (text ?? "").Trim();
        var negative = trimmed.StartsWith('-');
        var body = trimmed.TrimStart('+', '-');
        value = body.ToLowerInvariant() switch
        {
            "inf" or "infinity" => negative ? double.NegativeInfinity : double.PositiveInfinity,
            "nan" => double.NaN,
            _ => 0,
        };
        return value != 0 && trimmed.Length - body.Length <= 1;
    }

    private static bool TryNormalizeFloat(string text, out string normalized)
    {
        normalized = (text ?? "").Trim();
        return normalized.Length > 0 && TryRemoveDigitSeparators(normalized, char.IsAsciiDigit, out normalized);
    }

    private static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        var span = (text ?? "").AsSpan().Trim();
        var negative = span.Length > 0 && span[0] == '-';
        if (span.Length > 0 && span[0] is '-' or '+')
        {
            span = span[1..];
        }

        var radix = 10;
        if (span.Length > 2 && span[0] == '0' && char.ToLowerInvariant(span[1]) is 'x' or 'o' or 'b')
        {
            radix = char.ToLowerInvariant(span[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            span = span[2..].TrimStart('_');
        }

        if (span.Length == 0 || !TryRemoveDigitSeparators(span.ToString(), char.IsAsciiHexDigit, out var digits))
        {
            return false;
        }

        ulong magnitude = 0;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
            if (digit >= radix || magnitude > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
            {
                return false;
            }

            magnitude = (magnitude * (ulong)radix) + (ulong)digit;
        }

        if (magnitude > (negative ? (ulong)long.MaxValue + 1 : long.MaxValue))
        {
            return false;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>Removes '_' separators, each of which must stand between two digits.</summary>
    private static bool TryRemoveDigitSeparators(string text, Func<char, bool> isDigit, out string result)
    {
        result = text;
        if (!text.Contains('_', StringComparison.Ordinal))
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && (i == 0 || i == text.Length - 1 || !isDigit(text[i - 1]) || !isDigit(text[i + 1])))
            {
                return false;
            }
        }

        result = text.Replace("_", "", StringComparison.Ordinal);
        return true;
    }
}
