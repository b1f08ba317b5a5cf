using System;
using System.IO;

namespace Sacred.Board.Api;

/// <summary>How the run page may preview an artifact, and how its bytes are served.</summary>
internal static class ArtifactPreview
{
    /// <summary><c>image</c>, <c>json</c>, <c>csv</c>, <c>text</c> or <c>none</c>.</summary>
    public static string Kind(string name, string? contentType)
    {
        if (ImageType(name) is not null)
        {
            return "image";
        }

        return Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".json" or ".jsonl" => "json",
            ".csv" or ".tsv" => "csv",
            ".txt" or ".log" or ".md" or ".yaml" or ".yml" or ".toml" or ".ini" or ".cfg" or ".xml" or ".html" or ".htm"
                or ".cs" or ".py" or ".sh" or ".js" or ".ts" or ".css" or ".out" or ".err" => "text",
            _ when contentType is not null && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)) => "text",
            _ => "none",
        };
    }

    /// <summary>The image type an artifact is served inline as (for an &lt;img&gt;), or null: then it is a download.</summary>
    public static string? ImageType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".bmp" => "image/bmp",
        ".svg" => "image/svg+xml",
        _ => null,
    };
}
