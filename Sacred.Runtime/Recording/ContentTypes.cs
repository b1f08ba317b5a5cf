using System;
using System.Collections.Generic;
using System.IO;

namespace Sacred.Recording;

/// <summary>Guesses an artifact's MIME type from its extension, for viewers that preview artifacts.</summary>
internal static class ContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain",
        [".log"] = "text/plain",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".html"] = "text/html",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".pdf"] = "application/pdf",
        [".zip"] = "application/zip",
        [".pt"] = "application/octet-stream",
        [".bin"] = "application/octet-stream",
    };

    public static string? Guess(string path) => ByExtension.TryGetValue(Path.GetExtension(path), out var type) ? type : null;
}
