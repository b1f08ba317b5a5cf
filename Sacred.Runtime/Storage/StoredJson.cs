using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Sacred.Storage;

/// <summary>
/// JSON columns: written by <see cref="ConfigNode.ToJson"/>, read back into <see cref="ConfigNode"/>s. ConfigNode
/// writes NaN and infinities as Python does (bare <c>NaN</c>, <c>Infinity</c>), which strict JSON parsers refuse;
/// those few texts take a slower path that turns the bare words into placeholders first.
/// </summary>
internal static class StoredJson
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 512 };

    public static string Write(ConfigNode node) => node.ToJson(indented: false);

    public static string? WriteOrNull(ConfigNode? node) => node is null ? null : Write(node);

    public static ConfigNode? ReadOrNull(string? json) => json is null ? null : Read(json);

    public static ConfigNode Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, s_options);
            return ConfigNode.FromJson(document.RootElement);
        }
        catch (JsonException) when (ContainsBareWord(json))
        {
            var marker = ChooseMarker(json);
            using var document = JsonDocument.Parse(QuoteBareWords(json, marker), s_options);
            return Convert(document.RootElement, marker);
        }
    }

    private static bool ContainsBareWord(string json) =>
        json.Contains("NaN", StringComparison.Ordinal) || json.Contains("Infinity", StringComparison.Ordinal);

    private static string ChooseMarker(string json)
    {
        var marker = "\u0001sacred-nonfinite:";
        for (var i = 0; json.Contains(marker[1..], StringComparison.Ordinal); i++)
        {
            marker = "\u0001sacred-nonfinite-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":";
        }

        return marker;
    }

    private static string QuoteBareWords(string json, string marker)
    {
        var escapedMarker = "\\u0001" + marker[1..];
        var text = new StringBuilder(json.Length + 64);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                text.Append(c);
                if (c == '\\')
                {
                    text.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                text.Append(c);
            }
            else if (string.CompareOrdinal(json, i, "NaN", 0, 3) == 0)
            {
                text.Append('"').Append(escapedMarker).Append("NaN\"");
                i += 2;
            }
            else if (string.CompareOrdinal(json, i, "-Infinity", 0, 9) == 0)
            {
                text.Append('"').Append(escapedMarker).Append("-Infinity\"");
                i += 8;
            }
            else if (string.CompareOrdinal(json, i, "Infinity", 0, 8) == 0)
            {
                text.Append('"').Append(escapedMarker).Append("Infinity\"");
                i += 7;
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static ConfigNode Convert(JsonElement element, string marker)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                var text = element.GetString()!;
                return text.StartsWith(marker, StringComparison.Ordinal)
                    ? ConfigNode.From(text[marker.Length..] switch
                    {
                        "NaN" => double.NaN,
                        "Infinity" => double.PositiveInfinity,
                        _ => double.NegativeInfinity,
                    })
                    : ConfigNode.From(text);
            case JsonValueKind.Array:
                var items = new List<ConfigNode>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Convert(item, marker));
                }

                return ConfigNode.FromItems([.. items]);
            case JsonValueKind.Object:
                var members = new SortedDictionary<string, ConfigNode>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    members[property.Name] = Convert(property.Value, marker);
                }

                return ConfigNode.FromSortedMembers([.. members]);
            default:
                return ConfigNode.FromJson(element);
        }
    }
}
