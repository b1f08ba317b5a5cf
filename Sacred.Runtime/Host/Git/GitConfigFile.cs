using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Sacred.Host.Git;

/// <summary>
/// The values of a repository's <c>config</c> file, keyed <c>section.subsection.key</c> (section and key lower
/// case, the subsection as written). Only what git's syntax needs for plain files: sections, quoted subsections,
/// comments, quoted values and escapes; the last value of a key wins.
/// </summary>
internal sealed class GitConfigFile
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private GitConfigFile()
    {
    }

    /// <summary>
    /// Whether the file uses what this reader does not apply (includes, URL rewriting): the caller must ask git.
    /// </summary>
    public bool NeedsGit { get; private set; }

    /// <summary>The value of <paramref name="key"/> (<c>section.subsection.key</c>), or null.</summary>
    public string? Get(string key) => _values.GetValueOrDefault(key);

    public static GitConfigFile Read(string path)
    {
        var config = new GitConfigFile();
        if (!File.Exists(path))
        {
            return config;
        }

        var section = string.Empty;
        foreach (var rawLine in File.ReadLines(path))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                var close = line.IndexOf(']');
                if (close < 0)
                {
                    config.NeedsGit = true;
                    continue;
                }

                section = SectionName(line[1..close]);
                line = line[(close + 1)..].Trim();
                if (line.Length == 0 || line[0] is '#' or ';')
                {
                    continue;
                }
            }

            var equals = line.IndexOf('=');
            var key = (equals < 0 ? line : line[..equals]).Trim().ToLowerInvariant();
            var value = equals < 0 ? "true" : Value(line[(equals + 1)..]);
            if (section.StartsWith("include", StringComparison.Ordinal) || key == "insteadof" || key == "pushinsteadof")
            {
                config.NeedsGit = true;
            }

            config._values[section + "." + key] = value;
        }

        return config;
    }

    private static string SectionName(string header)
    {
        var quote = header.IndexOf('"');
        if (quote < 0)
        {
            // [section.subsection] (the old syntax) lower-cases the whole name.
            return header.Trim().ToLowerInvariant();
        }

        var name = header[..quote].Trim().ToLowerInvariant();
        var end = header.LastIndexOf('"');
        var subsection = header[(quote + 1)..Math.Max(quote + 1, end)].Replace("\\\"", "\"").Replace("\\\\", "\\");
        return name + "." + subsection;
    }

    private static string Value(string text)
    {
        var value = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[++i];
                value.Append(next switch { 'n' => '\n', 't' => '\t', 'b' => '\b', _ => next });
            }
            else if (!quoted && c is '#' or ';')
            {
                break;
            }
            else
            {
                value.Append(c);
            }
        }

        return value.ToString().Trim();
    }
}
