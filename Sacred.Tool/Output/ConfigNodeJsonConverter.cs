using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sacred.Tool.Output;

/// <summary>Writes config, result and info trees as the stores hold them (<see cref="ConfigNode.WriteTo"/>); output only.</summary>
internal sealed class ConfigNodeJsonConverter : JsonConverter<ConfigNode>
{
    public override ConfigNode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("The sacred command writes run records; it never reads them from its own JSON output.");

    public override void Write(Utf8JsonWriter writer, ConfigNode value, JsonSerializerOptions options) => value.WriteTo(writer);
}
