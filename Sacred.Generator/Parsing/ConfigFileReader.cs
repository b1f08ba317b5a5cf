using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Sacred.Generator.Model;
using Sacred.Generator.Parsing.Json;

namespace Sacred.Generator.Parsing;

/// <summary>Reads a JSON additional file into an equatable <see cref="JsonFileModel"/>.</summary>
internal static class ConfigFileReader
{
    public static JsonFileModel Read(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        return Read(file.Path, text);
    }

    public static JsonFileModel Read(string path, string text)
    {
        var result = JsonDocumentReader.Parse(text);
        if (result.Root is null)
        {
            var location = new LocationInfo(path, result.ErrorOffset, 0, result.ErrorLine, result.ErrorColumn, result.ErrorLine, result.ErrorColumn);
            return new JsonFileModel(path, null, result.Error ?? "invalid JSON", location);
        }

        return new JsonFileModel(path, Convert(path, TextPositions.ComputeLineStarts(text), result.Root), null, null);
    }

    private static JsonValueModel Convert(string path, IReadOnlyList<int> lines, JsonNode node)
    {
        var kind = node.Kind switch
        {
            JsonKind.Null => JsonValueKind.Null,
            JsonKind.True => JsonValueKind.True,
            JsonKind.False => JsonValueKind.False,
            JsonKind.Number => JsonValueKind.Number,
            JsonKind.String => JsonValueKind.String,
            JsonKind.Array => JsonValueKind.Array,
            _ => JsonValueKind.Object,
        };
        return new JsonValueModel(
            kind,
            node.Kind == JsonKind.Number ? node.NumberText : node.StringValue,
            node.IsInteger,
            node.Items.Select(i => Convert(path, lines, i)).ToEquatableArray(),
            node.Properties.Select(p => new JsonPropertyModel(p.Name, Span(path, lines, p.NameStart, p.NameLength), Convert(path, lines, p.Value))).ToEquatableArray(),
            Span(path, lines, node.Start, node.Length));
    }

    private static LocationInfo Span(string path, IReadOnlyList<int> lines, int start, int length)
    {
        var (startLine, startColumn) = TextPositions.GetLinePosition(lines, start);
        var (endLine, endColumn) = TextPositions.GetLinePosition(lines, start + length);
        return new LocationInfo(path, start, length, startLine, startColumn, endLine, endColumn);
    }
}
