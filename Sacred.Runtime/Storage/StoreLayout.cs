using System;
using System.IO;

namespace Sacred.Storage;

/// <summary>
/// Where things live in a store folder: <c>runs.db</c> (SQLite) and <c>files/&lt;2 hex&gt;/&lt;sha256 hex&gt;</c>
/// (sources and artifacts, content-addressed), with <c>files/tmp/</c> for files being written.
/// </summary>
internal static class StoreLayout
{
    /// <summary>
    /// The prefix of a build file's path in <c>run_sources</c> (<c>build:</c> + its path relative to the repository
    /// root) in runs recorded before schema version 5, which stores each build once (<see cref="StoreSchemaVersion5"/>).
    /// Readers still read such rows; nothing writes them any more.
    /// </summary>
    public const string BuildFilePathPrefix = "build:";

    public const string DatabaseFileName = "runs.db";

    public const string FilesFolderName = "files";

    public static string DatabasePath(string directory) => Path.Combine(directory, DatabaseFileName);

    public static string FilesPath(string directory) => Path.Combine(directory, FilesFolderName);

    public static string TempPath(string directory) => Path.Combine(directory, FilesFolderName, "tmp");

    public static string FilePath(string directory, string hash)
    {
        if (!IsHash(hash))
        {
            throw new ArgumentException($"'{hash}' is not a SHA-256 hash (64 lower-case hex digits).", nameof(hash));
        }

        return Path.Combine(directory, FilesFolderName, hash[..2], hash);
    }

    public static bool IsHash(string? text)
    {
        if (text is null || text.Length != 64)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
