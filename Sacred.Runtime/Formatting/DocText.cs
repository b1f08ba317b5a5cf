using System;

namespace Sacred.Formatting;

/// <summary>Fits doc comments (often several wrapped lines) on one output line.</summary>
internal static class DocText
{
    /// <summary>The text with every run of white space, line breaks included, made one space.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The first non-empty line, trimmed; "" when there is none.</summary>
    public static string FirstLine(string? text)
    {
        foreach (var line in (text ?? "").Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                return line.Trim();
            }
        }

        return "";
    }
}
