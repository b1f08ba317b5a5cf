using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Sacred.Board.Hosting;

/// <summary>
/// The single-page app, embedded in this assembly at build time (see Sacred.Board.csproj) and read once into
/// memory, compressed once: a running board needs no Node and no files beside the executable.
/// </summary>
internal sealed class ClientAssets
{
    private const string ResourcePrefix = "client/";
    private readonly Dictionary<string, ClientAsset> _assets = new(StringComparer.Ordinal);

    private ClientAssets()
    {
    }

    /// <summary>The app's page, served for every path that is not an asset or an API.</summary>
    public ClientAsset Index => _assets.TryGetValue("/index.html", out var index)
        ? index
        : throw new InvalidOperationException("The board's web app is missing from Sacred.Board.dll; rebuild Sacred.Board (it needs npm at build time).");

    public static ClientAssets Load()
    {
        var assets = new ClientAssets();
        var assembly = typeof(ClientAssets).Assembly;
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = "/" + name[ResourcePrefix.Length..];
            var content = Read(assembly, name);
            var type = ContentType(path);
            var compressible = type.StartsWith("text/", StringComparison.Ordinal) || type.Contains("javascript", StringComparison.Ordinal)
                || type.Contains("json", StringComparison.Ordinal) || type.Contains("svg", StringComparison.Ordinal);
            assets._assets[path] = new ClientAsset(
                path,
                type,
                content,
                compressible ? Compress(content, brotli: true) : null,
                compressible ? Compress(content, brotli: false) : null,
                "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"");
        }

        return assets;
    }

    public ClientAsset? Find(string path) => _assets.GetValueOrDefault(path);

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[]? Compress(byte[] content, bool brotli)
    {
        using var output = new MemoryStream();
        using (Stream compressor = brotli
            ? new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true)
            : new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            compressor.Write(content);
        }

        return output.Length < content.Length ? output.ToArray() : null;
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
