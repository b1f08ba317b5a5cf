using System;

namespace Sacred.Observers.FileStorage;

/// <summary>Sacred's content-addressed name for sources and resources: <c>&lt;stem&gt;_&lt;md5&gt;&lt;ext&gt;</c> of the base name.</summary>
internal static class StoredFileName
{
    /// <summary>
    /// Builds the name, splitting the extension as Python's <c>os.path.splitext</c> does (leading dots belong
    /// to the stem: <c>.bashrc</c> has none).
    /// </summary>
    /// <param name="path">The original path, '/'- or '\'-separated.</param>
    /// <param name="md5">The content's MD5, lower-case hex.</param>
    /// <returns>The stored name.</returns>
    public static string Of(string path, string md5)
    {
        var name = path[(path.AsSpan().LastIndexOfAny('/', '\\') + 1)..];
        var dot = name.LastIndexOf('.');
        var isExtension = dot > 0 && name.AsSpan(0, dot).ContainsAnyExcept('.');
        return isExtension ? name[..dot] + "_" + md5 + name[dot..] : name + "_" + md5;
    }
}
