using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sacred.Tool.Output;

/// <summary>
/// The <c>--json</c> documents, serialized by System.Text.Json source generation (no reflection, AOT-clean):
/// snake_case keys, indented by two spaces, <c>\n</c> newlines.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NewLine = "\n",
    Converters = [typeof(ConfigNodeJsonConverter)])]
[JsonSerializable(typeof(RunPageJson))]
[JsonSerializable(typeof(RunShowJson))]
[JsonSerializable(typeof(MetricSeriesJson))]
[JsonSerializable(typeof(CompareJson))]
[JsonSerializable(typeof(QueueJson))]
internal sealed partial class ToolJsonContext : JsonSerializerContext
{
    /// <summary>Writes <paramref name="document"/> and a final newline.</summary>
    public static void Write<T>(TextWriter stdout, T document, JsonTypeInfo<T> type)
    {
        stdout.Write(JsonSerializer.Serialize(document, type));
        stdout.Write('\n');
    }
}
