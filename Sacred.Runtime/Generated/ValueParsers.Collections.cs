using System.Collections.Generic;
using Sacred.Configuration;

namespace Sacred.Generated;

public static partial class ValueParsers
{
    /// <summary>
    /// Parses a list literal: <c>[1, 2, 3]</c>, <c>[]</c>, <c>["a", "b"]</c>, <c>[a, b]</c> or a Python tuple
    /// <c>(1, 2)</c>. Top-level commas split the elements (quotes and nested brackets respected; one trailing
    /// comma allowed); each element is trimmed and parsed by <paramref name="element"/>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="text">The text.</param>
    /// <param name="element">Parses one element.</param>
    /// <param name="value">The list.</param>
    /// <returns>True when the text is a list and every element is valid.</returns>
    public static bool TryParseList<T>(string text, ValueParser<T> element, out List<T> value)
    {
        value = [];
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length < 2 || (trimmed[0], trimmed[^1]) is not (('[', ']') or ('(', ')')))
        {
            return false;
        }

        var inner = trimmed[1..^1].Trim();
        if (inner.Length == 0)
        {
            return true;
        }

        if (!LiteralSplitter.TrySplit(inner, ',', out var parts))
        {
            return false;
        }

        if (parts.Count > 1 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1);
        }

        foreach (var part in parts)
        {
            if (part.Length == 0 || !element(part, out var item))
            {
                value = [];
                return false;
            }

            value.Add(item);
        }

        return true;
    }

    /// <summary>Parses a list literal into an array; see <see cref="TryParseList{T}"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="text">The text.</param>
    /// <param name="element">Parses one element.</param>
    /// <param name="value">The array.</param>
    /// <returns>True when the text is a list and every element is valid.</returns>
    public static bool TryParseArray<T>(string text, ValueParser<T> element, out T[] value)
    {
        var parsed = TryParseList(text, element, out var list);
        value = [.. list];
        return parsed;
    }
}
