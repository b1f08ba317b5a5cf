using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Sacred.Generated;

namespace Sacred.Mongo.Documents;

/// <summary>
/// <c>experiment.sources_hash</c>: one value that says which build queued a run, so a worker's claim can match its own
/// build in the query itself. Sacred's <c>experiment.sources</c> holds GridFS ids of files named by absolute path, which
/// differ between machines; this hashes what decides the build: every compiled source's repository-relative path and
/// MD5, sorted by path (SHA-256 of <c>path US md5</c> records joined by RS, lower-case hex).
/// </summary>
internal static class SourcesHash
{
    /// <summary>The field inside <c>experiment</c>.</summary>
    public const string Field = "sources_hash";

    /// <summary>The hash of a build's compiled sources.</summary>
    /// <param name="sources">The sources (path and MD5).</param>
    /// <returns>64 lower-case hex digits.</returns>
    public static string Of(IEnumerable<SourceFileInfo> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var text = string.Join('\u001e', sources.OrderBy(s => s.Path, StringComparer.Ordinal).Select(s => s.Path + '\u001f' + s.Md5));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
