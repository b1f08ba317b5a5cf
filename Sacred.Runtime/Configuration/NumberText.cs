using System;
using System.Globalization;

namespace Sacred.Configuration;

/// <summary>Formats floats so that they read back as floats: always a '.', an exponent or a special name.</summary>
internal static class NumberText
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return EnsureFloatForm(text);
    }

    public static string Format(decimal value) => EnsureFloatForm(value.ToString(CultureInfo.InvariantCulture));

    private static string EnsureFloatForm(string text) =>
        text.AsSpan().IndexOfAny('.', 'e') >= 0 ? text : text + ".0";
}
