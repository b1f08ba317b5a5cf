namespace Sacred.Board.Hosting;

/// <summary>A file of the built single-page app, held in memory with its compressed forms.</summary>
/// <param name="Path">The URL path, e.g. <c>/assets/index-3f2a.js</c>.</param>
/// <param name="ContentType">The MIME type.</param>
/// <param name="Content">The bytes.</param>
/// <param name="Brotli">The bytes compressed with Brotli, when that is smaller.</param>
/// <param name="Gzip">The bytes compressed with gzip, when that is smaller.</param>
/// <param name="ETag">A strong validator (hash of the content).</param>
internal sealed record ClientAsset(string Path, string ContentType, byte[] Content, byte[]? Brotli, byte[]? Gzip, string ETag);
