using System;
using System.IO;
using System.Security.Cryptography;

namespace Sacred.Host.Git;

/// <summary>
/// Reads what <c>git rev-parse HEAD</c>, <c>git remote get-url origin</c> and
/// <c>git status --porcelain --untracked-files=no</c> would say, from the repository's files, without starting a
/// process: a recorded run's start-up should not wait for three of them.
/// </summary>
/// <remarks>
/// Dirty is decided as git does: every tracked file is compared with its index entry by stat data (one
/// <c>statx</c> each) and hashed only when that differs or the entry is racily clean; staged changes are found by
/// comparing the index's cache-tree root with HEAD's tree. Whatever this reader cannot decide exactly (no valid
/// cache tree, a packed delta commit, submodules, content filters or line-ending conversion, split or sparse
/// indexes, config includes or URL rewriting, GIT_* variables, SHA-256 repositories, non-Linux stat) it says so,
/// and the caller asks git.
/// </remarks>
internal static class GitStateReader
{
    /// <summary>What reading found.</summary>
    public enum Outcome
    {
        /// <summary>A repository with a commit: <c>state</c> is set.</summary>
        Read,

        /// <summary>No repository, or one without a commit: git would say the same (null).</summary>
        NoRepository,

        /// <summary>Something this reader does not decide exactly: ask git.</summary>
        AskGit,
    }

    private const uint TypeMask = 0xF000;
    private const uint RegularFile = 0x8000;
    private const uint Symlink = 0xA000;
    private const uint Gitlink = 0xE000;

    public static Outcome TryRead(string directory, out GitState state)
    {
        state = default;
        if (!FileStatus.Supported || GitEnvironmentIsSet())
        {
            return Outcome.AskGit;
        }

        if (GitLayout.Find(directory) is not { } layout)
        {
            // git would find nothing either, unless a parent directory is one it is told to stop at: same answer.
            return Outcome.NoRepository;
        }

        var config = GitSettings.Read(Path.Combine(layout.CommonDirectory, "config"));
        if (config.NeedsGit || config.Get("extensions.objectformat") is { } format && format != "sha1"
            || config.Get("core.worktree") is not null || config.Get("core.bare") == "true")
        {
            return Outcome.AskGit;
        }

        switch (GitRefs.ResolveHead(layout, out var commit))
        {
            case GitRefs.Outcome.Unborn:
                return Outcome.NoRepository;
            case GitRefs.Outcome.Unknown:
                return Outcome.AskGit;
        }

        var url = config.Get("remote.origin.url") ?? "git:/" + layout.WorkTree;
        if (Dirty(layout, config, commit) is not { } dirty)
        {
            return Outcome.AskGit;
        }

        state = new GitState(url, commit, dirty);
        return Outcome.Read;
    }

    // True or false as git status would say; null when it cannot be told here.
    private static bool? Dirty(GitLayout layout, GitSettings config, string commit)
    {
        if (GitIndexFile.Read(Path.Combine(layout.GitDirectory, "index")) is not { } index)
        {
            // No index at all: everything in HEAD is staged as deleted, unless HEAD is empty; let git say.
            return null;
        }

        var fileMode = config.Get("core.filemode") != "false";
        var trustCtime = config.Get("core.trustctime") != "false";
        bool? filters = null;
        foreach (var entry in index.Entries)
        {
            if (entry.Stage != 0 || entry.IntentToAdd)
            {
                return true;
            }

            if ((entry.Mode & TypeMask) == Gitlink)
            {
                // A submodule: its own HEAD and work tree decide.
                return null;
            }

            if (entry.SkipWorktree || entry.AssumeValid)
            {
                continue;
            }

            var path = Path.Combine(layout.WorkTree, entry.Path);
            if (FileStatus.Read(path) is not { } file)
            {
                return true;
            }

            var type = file.Mode & TypeMask;
            if (type != (entry.Mode & TypeMask) || (fileMode && type == RegularFile && (file.Mode & 0x40) != (entry.Mode & 0x40)))
            {
                return true;
            }

            if (StatMatches(entry, file, trustCtime) && !RacilyClean(entry, index.IndexStatus))
            {
                continue;
            }

            // The stat data differs (or cannot be trusted): the content decides.
            if (ContentHash(path, type) == entry.Hash)
            {
                continue;
            }

            // Raw bytes differ; with clean filters or line-ending conversion git compares converted content.
            filters ??= FiltersPossible(layout, config, index);
            return filters.Value ? null : true;
        }

        // The work tree matches the index; the index matches HEAD when its whole tree is HEAD's tree.
        if (index.RootTree is not { } indexTree || GitObjects.TreeOf(layout.CommonDirectory, commit) is not { } headTree)
        {
            return null;
        }

        return indexTree != headTree;
    }

    private static bool StatMatches(GitIndexFile.Entry entry, FileStatus file, bool trustCtime) =>
        entry.MtimeSeconds == (uint)file.MtimeSeconds && entry.MtimeNanoseconds == file.MtimeNanoseconds
        && (!trustCtime || (entry.CtimeSeconds == (uint)file.CtimeSeconds && entry.CtimeNanoseconds == file.CtimeNanoseconds))
        && entry.Size == (uint)file.Size && entry.Inode == (uint)file.Inode
        && entry.Uid == file.Uid && entry.Gid == file.Gid;

    // Written in the same instant the index was: a later change in that instant would not show in the stat data.
    private static bool RacilyClean(GitIndexFile.Entry entry, FileStatus index) =>
        entry.MtimeSeconds > (uint)index.MtimeSeconds
        || (entry.MtimeSeconds == (uint)index.MtimeSeconds && entry.MtimeNanoseconds >= index.MtimeNanoseconds);

    private static string? ContentHash(string path, uint type)
    {
        try
        {
            byte[] content = type == Symlink
                ? System.Text.Encoding.UTF8.GetBytes(new FileInfo(path).LinkTarget ?? string.Empty)
                : File.ReadAllBytes(path);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
            hash.AppendData(System.Text.Encoding.ASCII.GetBytes($"blob {content.Length}\0"));
            hash.AppendData(content);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool FiltersPossible(GitLayout layout, GitSettings config, GitIndexFile index)
    {
        if (config.Get("core.autocrlf") is { } crlf && crlf != "false" || config.Get("core.attributesfile") is not null
            || File.Exists(Path.Combine(layout.CommonDirectory, "info", "attributes"))
            || File.Exists(Path.Combine(GitSettings.XdgConfigHome, "git", "attributes")))
        {
            return true;
        }

        foreach (var entry in index.Entries)
        {
            if (entry.Path == ".gitattributes" || entry.Path.EndsWith("/.gitattributes", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool GitEnvironmentIsSet()
    {
        foreach (var name in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT" })
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                return true;
            }
        }

        return false;
    }
}
