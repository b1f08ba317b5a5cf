using System;
using System.Collections.Generic;

namespace Sacred.Generator.Parsing.Json;

/// <summary>
/// Maps character offsets to 0-based (line, column) pairs. Line breaks are "\n", "\r\n" and a lone "\r";
/// columns count UTF-16 chars from the start of the line (a BOM, if present in the text, is column 0 of line 0).
/// </summary>
internal static class TextPositions
{
    /// <summary>
    /// The 0-based line and column of <paramref name="offset"/>, which is clamped to [0, text.Length].
    /// An offset on the '\n' of a "\r\n" pair belongs to the line that the pair ends. O(offset).
    /// </summary>
    public static (int Line, int Column) GetLinePosition(string text, int offset)
    {
        text ??= string.Empty;
        offset = Clamp(offset, text.Length);

        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++)
        {
            char c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    if (i + 1 == offset)
                    {
                        break;
                    }

                    i++;
                }

                line++;
                lineStart = i + 1;
            }
            else if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart);
    }

    /// <summary>
    /// The offset at which each line starts (the first entry is always 0). Build it once and use
    /// <see cref="GetLinePosition(IReadOnlyList{int}, int)"/> when mapping many offsets in the same text.
    /// </summary>
    public static IReadOnlyList<int> ComputeLineStarts(string text)
    {
        text ??= string.Empty;
        var starts = new List<int> { 0 };
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (c == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    /// <summary>
    /// Same result as <see cref="GetLinePosition(string, int)"/>, in O(log lines), given
    /// <see cref="ComputeLineStarts(string)"/> of the same text and an offset in [0, text.Length].
    /// </summary>
    public static (int Line, int Column) GetLinePosition(IReadOnlyList<int> lineStarts, int offset)
    {
        if (lineStarts is null || lineStarts.Count == 0)
        {
            return (0, Math.Max(offset, 0));
        }

        offset = Math.Max(offset, 0);
        int low = 0;
        int high = lineStarts.Count - 1;
        while (low < high)
        {
            int mid = low + ((high - low + 1) / 2);
            if (lineStarts[mid] <= offset)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return (low, offset - lineStarts[low]);
    }

    private static int Clamp(int offset, int length) =>
        offset < 0 ? 0 : offset > length ? length : offset;
}
