using System;
using System.IO;

namespace Sacred.Host.Git;

/// <summary>
/// Git's settings as they apply to one repository: its own config file over the user's (<c>~/.gitconfig</c>,
/// then <c>$XDG_CONFIG_HOME/git/config</c>) over the system's (<c>/etc/gitconfig</c>).
/// </summary>
internal sealed class GitSettings
{
    private readonly GitConfigFile[] _files;

    private GitSettings(GitConfigFile[] files) => _files = files;

    /// <summary>The user's config directory (<c>$XDG_CONFIG_HOME</c>, or <c>~/.config</c>).</summary>
    public static string XdgConfigHome =>
        Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? string.Empty, ".config");

    /// <summary>Whether any of the files uses what this reader does not apply: the caller must ask git.</summary>
    public bool NeedsGit => Array.Exists(_files, file => file.NeedsGit);

    public static GitSettings Read(string repositoryConfig)
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? string.Empty;
        return new GitSettings(
        [
            GitConfigFile.Read(repositoryConfig),
            GitConfigFile.Read(Path.Combine(home, ".gitconfig")),
            GitConfigFile.Read(Path.Combine(XdgConfigHome, "git", "config")),
            GitConfigFile.Read("/etc/gitconfig"),
        ]);
    }

    /// <summary>The value that applies, or null.</summary>
    public string? Get(string key)
    {
        foreach (var file in _files)
        {
            if (file.Get(key) is { } value)
            {
                return value;
            }
        }

        return null;
    }
}
