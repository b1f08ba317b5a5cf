using System;
using System.IO;

namespace Sacred.Host.Git;

/// <summary>Resolves HEAD to a commit hash from the files git keeps: HEAD, loose refs and packed-refs.</summary>
internal static class GitRefs
{
    /// <summary>What reading HEAD found.</summary>
    public enum Outcome
    {
        /// <summary>HEAD names a commit.</summary>
        Commit,

        /// <summary>HEAD names a branch with no commit yet (a new repository).</summary>
        Unborn,

        /// <summary>Something this reader does not follow (a symbolic ref chain, reftable): ask git.</summary>
        Unknown,
    }

    public static Outcome ResolveHead(GitLayout layout, out string commit)
    {
        commit = string.Empty;
        var head = ReadFirstLine(Path.Combine(layout.GitDirectory, "HEAD"));
        if (head is null)
        {
            return Outcome.Unknown;
        }

        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return SetIfHash(head, ref commit);
        }

        var name = head["ref:".Length..].Trim();
        if (!name.StartsWith("refs/", StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            return Outcome.Unknown;
        }

        // Branch refs live in the common directory; only HEAD and a few others are per work tree.
        var loose = ReadFirstLine(Path.Combine(layout.CommonDirectory, name)) ?? ReadFirstLine(Path.Combine(layout.GitDirectory, name));
        if (loose is not null)
        {
            return loose.StartsWith("ref:", StringComparison.Ordinal) ? Outcome.Unknown : SetIfHash(loose, ref commit);
        }

        var packed = Path.Combine(layout.CommonDirectory, "packed-refs");
        if (File.Exists(packed))
        {
            foreach (var line in File.ReadLines(packed))
            {
                // "<hash> <name>"; '#' starts the header, '^' a peeled tag line.
                if (line.Length > 41 && line[0] is not ('#' or '^') && line.AsSpan(41).SequenceEqual(name) && line[40] == ' ')
                {
                    return SetIfHash(line[..40], ref commit);
                }
            }
        }

        return Directory.Exists(Path.Combine(layout.CommonDirectory, "reftable")) ? Outcome.Unknown : Outcome.Unborn;
    }

    private static Outcome SetIfHash(string text, ref string commit)
    {
        text = text.Trim();
        if (text.Length != 40 || !IsHex(text))
        {
            return Outcome.Unknown;
        }

        commit = text;
        return Outcome.Commit;
    }

    public static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            return reader.ReadLine();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
