using System;
using System.ComponentModel;
using System.Diagnostics;
using Sacred.Host.Git;

namespace Sacred.Host;

/// <summary>The git state of the experiment's directory, as Sacred records it in <c>repositories</c>.</summary>
/// <param name="Url">The <c>origin</c> remote's URL, or <c>git:/</c> and the work-tree path when there is no remote.</param>
/// <param name="Commit">The HEAD commit's hash.</param>
/// <param name="Dirty">True when tracked files have uncommitted changes.</param>
public sealed record GitRepository(string Url, string Commit, bool Dirty)
{
    /// <summary>
    /// Reads the git state of <paramref name="directory"/>: from the repository's files when they say it exactly
    /// (no process started), otherwise by running the <c>git</c> executable; null when the directory is not in a
    /// git repository with a commit, or (when git had to be asked) git is not installed.
    /// </summary>
    /// <param name="directory">A directory inside the work tree.</param>
    /// <returns>The state, or null.</returns>
    public static GitRepository? Detect(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return GitStateReader.TryRead(directory, out var state) switch
        {
            GitStateReader.Outcome.Read => new GitRepository(state.Url, state.Commit, state.Dirty),
            GitStateReader.Outcome.NoRepository => null,
            _ => DetectWithGit(directory),
        };
    }

    /// <summary>Reads the git state of <paramref name="directory"/> by running the <c>git</c> executable, as Sacred does.</summary>
    internal static GitRepository? DetectWithGit(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var commit = Git(directory, "rev-parse", "HEAD");
        if (commit is null)
        {
            return null;
        }

        var url = Git(directory, "remote", "get-url", "origin");
        if (url is null)
        {
            var root = Git(directory, "rev-parse", "--show-toplevel");
            url = "git:/" + (root ?? directory);
        }

        var status = Git(directory, "status", "--porcelain", "--untracked-files=no");
        return new GitRepository(url, commit, status is null || status.Length > 0);
    }

    /// <summary>Runs git in <paramref name="directory"/>; its trimmed output, or null when it fails.</summary>
    private static string? Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            errors.Wait();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
