using System;
using System.Collections.Generic;
using Sacred.Generated;

namespace Sacred.Configuration;

/// <summary>
/// Reads untyped command-line text (a value for a key that only <c>-f</c> lets in) as Sacred does: a JSON or
/// Python literal when it is one (numbers, booleans, null/None, quoted strings, lists, objects), else the text itself.
/// </summary>
internal static class LiteralParser
{
    public static ConfigNode Parse(string text)
    {
        var trimmed = text.Trim();
        return TryParseStructured(trimmed, out var node) ? node : ConfigNode.From(trimmed);
    }

    private static bool TryParseStructured(string text, out ConfigNode node)
    {
        node = ConfigNode.Null;
        if (ValueParsers.IsNull(text))
        {
            return true;
        }

        if (ValueParsers.TryParseBoolean(text, out var flag))
        {
            node = ConfigNode.From(flag);
            return true;
        }

        if (LooksNumeric(text))
        {
            if (ValueParsers.TryParseInt64(text, out var integer))
            {
                node = ConfigNode.From(integer);
                return true;
            }

            if (ValueParsers.TryParseDouble(text, out var number))
            {
                node = ConfigNode.From(number);
                return true;
            }
        }

        if (QuotedText.TryUnquote(text, out var unquoted))
        {
            node = ConfigNode.From(unquoted);
            return true;
        }

        if (ValueParsers.TryParseList<ConfigNode>(text, ParseElement, out var items))
        {
            node = ConfigNode.FromItems([.. items]);
            return true;
        }

        return text.Length >= 2 && text[0] == '{' && text[^1] == '}' && TryParseObject(text[1..^1].Trim(), out node);
    }

    private static bool ParseElement(string text, out ConfigNode node)
    {
        node = Parse(text);
        return true;
    }

    private static bool TryParseObject(string inner, out ConfigNode node)
    {
        node = ConfigNode.EmptyObject;
        if (inner.Length == 0)
        {
            return true;
        }

        if (!LiteralSplitter.TrySplit(inner, ',', out var parts))
        {
            return false;
        }

        var members = new SortedDictionary<string, ConfigNode>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Length == 0 && i == parts.Count - 1 && i > 0)
            {
                break;
            }

            var colon = LiteralSplitter.IndexOfTopLevel(parts[i], ':');
            if (colon <= 0)
            {
                return false;
            }

            var key = parts[i][..colon].Trim();
            members[QuotedText.TryUnquote(key, out var unquotedKey) ? unquotedKey : key] = Parse(parts[i][(colon + 1)..]);
        }

        node = ConfigNode.FromSortedMembers([.. members]);
        return true;
    }

    private static bool LooksNumeric(string text)
    {
        var start = text.Length > 0 && text[0] is '+' or '-' ? 1 : 0;
        return start < text.Length && (char.IsAsciiDigit(text[start]) || text[start] == '.');
    }
}
