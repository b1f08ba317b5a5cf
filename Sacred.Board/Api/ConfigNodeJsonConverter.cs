using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sacred.Configuration;

namespace Sacred.Board.Api;

/// <summary>
/// Writes a <see cref="ConfigNode"/> as plain JSON. NaN and infinities, which JSON cannot hold, are written as the
/// strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>, so a browser's <c>JSON.parse</c> never fails.
/// </summary>
internal sealed class ConfigNodeJsonConverter : JsonConverter<ConfigNode>
{
    public override ConfigNode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return ConfigNode.FromJson(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, ConfigNode value, JsonSerializerOptions options) => WriteNode(writer, value);

    public static void WriteNode(Utf8JsonWriter writer, ConfigNode node)
    {
        switch (node.Kind)
        {
            case ConfigNodeKind.Null:
                writer.WriteNullValue();
                break;
            case ConfigNodeKind.Bool:
                writer.WriteBooleanValue(node.BoolValue);
                break;
            case ConfigNodeKind.Integer:
                writer.WriteNumberValue(node.IntegerValue);
                break;
            case ConfigNodeKind.Float:
                var number = node.FloatValue;
                if (double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteStringValue(double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case ConfigNodeKind.String:
                writer.WriteStringValue(node.StringValue);
                break;
            case ConfigNodeKind.List:
                writer.WriteStartArray();
                foreach (var item in node.Items)
                {
                    WriteNode(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                foreach (var (key, value) in node.Members)
                {
                    writer.WritePropertyName(key);
                    WriteNode(writer, value);
                }

                writer.WriteEndObject();
                break;
        }
    }
}
