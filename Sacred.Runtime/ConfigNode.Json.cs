using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sacred.Configuration;

namespace Sacred;

public sealed partial class ConfigNode
{
    private static readonly JsonWriterOptions s_compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions s_indented = s_compact with
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
    };

    /// <summary>
    /// Writes the node as JSON. Floats always carry a '.' or an exponent so they read back as floats; NaN and
    /// infinities are written as Python's json module writes them (<c>NaN</c>, <c>Infinity</c>); timestamps as
    /// ISO 8601 UTC text (<c>2024-05-01T10:00:03.1234560Z</c>).
    /// </summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case ConfigNodeKind.Null:
                writer.WriteNullValue();
                break;
            case ConfigNodeKind.Bool:
                writer.WriteBooleanValue(_bool);
                break;
            case ConfigNodeKind.Integer:
                writer.WriteNumberValue(_integer);
                break;
            case ConfigNodeKind.Float:
                writer.WriteRawValue(FloatText(), skipInputValidation: true);
                break;
            case ConfigNodeKind.String:
                writer.WriteStringValue(_string);
                break;
            case ConfigNodeKind.Timestamp:
                writer.WriteStringValue(TimestampText());
                break;
            case ConfigNodeKind.List:
                writer.WriteStartArray();
                foreach (var item in _items!)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                foreach (var member in _members!)
                {
                    writer.WritePropertyName(member.Key);
                    member.Value.WriteTo(writer);
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>Returns the node as JSON text: keys in ordinal order; when indented, by 2 spaces with "\n" newlines.</summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? s_indented : s_compact))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>
    /// Converts a JSON element to a node. Numbers without a fraction or exponent that fit a long are integers,
    /// all others floats; a repeated object key keeps its last value.
    /// </summary>
    /// <param name="element">The element.</param>
    /// <returns>The node.</returns>
    public static ConfigNode FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return From(true);
            case JsonValueKind.False:
                return From(false);
            case JsonValueKind.String:
                return From(element.GetString());
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                return raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && element.TryGetInt64(out var integer)
                    ? From(integer)
                    : From(element.GetDouble());
            case JsonValueKind.Array:
                var items = new List<ConfigNode>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(FromJson(item));
                }

                return FromItems([.. items]);
            case JsonValueKind.Object:
                var members = new SortedDictionary<string, ConfigNode>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    members[property.Name] = FromJson(property.Value);
                }

                return FromSortedMembers([.. members]);
            default:
                return Null;
        }
    }

    private string TimestampText() => _timestamp.ToString("O", CultureInfo.InvariantCulture);

    private string FloatText() => _decimal is { } d ? NumberText.Format(d) : NumberText.Format(_float);
}
