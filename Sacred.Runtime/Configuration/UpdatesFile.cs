using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Sacred.Configuration;

/// <summary>
/// Reads a JSON file of config updates (<c>with v2.json</c>): a JSON object whose nested objects are flattened to
/// dotted keys; each leaf's raw JSON text is the value, and arrays stay whole.
/// </summary>
internal static class UpdatesFile
{
    private static readonly JsonDocumentOptions s_options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static IReadOnlyList<ConfigUpdate> Read(string path)
    {
        var origin = $"updates file '{path}'";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failure(path, e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message);
        }

        try
        {
            using var document = JsonDocument.Parse(text, s_options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Failure(path, $"expected a JSON object of config values, found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            }

            var updates = new List<ConfigUpdate>();
            Flatten(document.RootElement, "", origin, updates);
            return updates;
        }
        catch (JsonException e)
        {
            throw Failure(path, $"{WithoutLocation(e.Message)} (line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1})");
        }
    }

    /// <summary>Flattens a JSON object into dotted-key updates, in file order; empty objects set nothing.</summary>
    public static void Flatten(JsonElement element, string prefix, string origin, List<ConfigUpdate> updates)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, key + ".", origin, updates);
            }
            else
            {
                updates.Add(new ConfigUpdate(key, property.Value.GetRawText(), origin, FromFile: true));
            }
        }
    }

    private static ConfigUpdateException Failure(string path, string reason) => new($"cannot read updates file '{path}': {reason}");

    private static string WithoutLocation(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (path >= 0 && (end < 0 || path < end))
        {
            end = path;
        }

        return (end >= 0 ? message[..end] : message).TrimEnd();
    }
}
