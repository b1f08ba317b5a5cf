using System.Collections.Generic;

namespace Sacred.Configuration;

/// <summary>Splits literal text at top-level separators, skipping quoted text and nested brackets.</summary>
internal static class LiteralSplitter
{
    /// <summary>Splits <paramref name="text"/> at each top-level <paramref name="separator"/>; parts are trimmed.</summary>
    public static bool TrySplit(string text, char separator, out List<string> parts)
    {
        parts = [];
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == separator)
            {
                parts.Add(text[start..i].Trim());
                start = i + 1;
                continue;
            }

            if (!TrySkipNested(text, ref i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The index of the first top-level <paramref name="separator"/>, or -1.</summary>
    public static int IndexOfTopLevel(string text, char separator)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == separator)
            {
                return i;
            }

            if (!TrySkipNested(text, ref i))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// When <paramref name="index"/> is at a quote or an opening bracket, moves it to the matching closing
    /// character; false when there is none or a closing bracket does not match.
    /// </summary>
    private static bool TrySkipNested(string text, ref int index)
    {
        var closers = new Stack<char>();
        for (; index < text.Length; index++)
        {
            var c = text[index];
            switch (c)
            {
                case '"' or '\'':
                    if (!TrySkipQuoted(text, ref index))
                    {
                        return false;
                    }

                    break;
                case '[':
                    closers.Push(']');
                    break;
                case '(':
                    closers.Push(')');
                    break;
                case '{':
                    closers.Push('}');
                    break;
                case ']' or ')' or '}':
                    if (closers.Count == 0 || closers.Pop() != c)
                    {
                        return false;
                    }

                    break;
            }

            if (closers.Count == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TrySkipQuoted(string text, ref int index)
    {
        var quote = text[index];
        for (index++; index < text.Length; index++)
        {
            if (text[index] == '\\')
            {
                index++;
            }
            else if (text[index] == quote)
            {
                return true;
            }
        }

        return false;
    }
}
