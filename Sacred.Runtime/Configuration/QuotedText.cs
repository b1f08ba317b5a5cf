using System;
using System.Globalization;
using System.Text;

namespace Sacred.Configuration;

/// <summary>Reads text in double or single quotes with JSON escapes, as users type strings on the command line.</summary>
internal static class QuotedText
{
    /// <summary>
    /// True when the whole (trimmed) <paramref name="text"/> is one quoted string; <paramref name="value"/> is its
    /// content with escapes resolved. Unknown escapes keep their backslash, as Python does.
    /// </summary>
    public static bool TryUnquote(string text, out string value)
    {
        value = text;
        if (text.Length < 2 || text[0] is not ('"' or '\'') || text[^1] != text[0])
        {
            return false;
        }

        var quote = text[0];
        var builder = new StringBuilder(text.Length);
        for (var i = 1; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c == quote)
            {
                return false;
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 >= text.Length - 1)
            {
                return false;
            }

            var escaped = text[++i];
            switch (escaped)
            {
                case '"' or '\'' or '\\' or '/':
                    builder.Append(escaped);
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'u' when i + 4 < text.Length - 1
                    && ushort.TryParse(text.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default:
                    builder.Append('\\').Append(escaped);
                    break;
            }
        }

        value = builder.ToString();
        return true;
    }
}
