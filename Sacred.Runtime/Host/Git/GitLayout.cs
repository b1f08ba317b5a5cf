using System;
using System.IO;

namespace Sacred.Host.Git;

/// <summary>Where a work tree's git files are: its own git directory (HEAD, index) and the common one (refs, objects, config).</summary>
/// <param name="WorkTree">The work tree's root.</param>
/// <param name="GitDirectory">The work tree's git directory: <c>.git</c>, or <c>.git/worktrees/NAME</c> for a linked work tree.</param>
/// <param name="CommonDirectory">The directory with refs, objects and config (the same as <paramref name="GitDirectory"/> unless linked).</param>
internal sealed record GitLayout(string WorkTree, string GitDirectory, string CommonDirectory)
{
    /// <summary>
    /// Finds the repository that <paramref name="directory"/> is in, as git does (walking up to a <c>.git</c>
    /// directory or a <c>.git</c> file that names one); null when there is none. Does not honour GIT_DIR and friends
    /// (the caller leaves such environments to git itself).
    /// </summary>
    public static GitLayout? Find(string directory)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(directory)); current is not null; current = current.Parent)
        {
            var dotGit = Path.Combine(current.FullName, ".git");
            if (Directory.Exists(dotGit))
            {
                return File.Exists(Path.Combine(dotGit, "HEAD")) ? new GitLayout(current.FullName, dotGit, dotGit) : null;
            }

            if (File.Exists(dotGit))
            {
                var text = File.ReadAllText(dotGit).Trim();
                if (!text.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    return null;
                }

                var gitDirectory = Path.GetFullPath(text["gitdir:".Length..].Trim(), current.FullName);
                var commonFile = Path.Combine(gitDirectory, "commondir");
                var common = File.Exists(commonFile)
                    ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDirectory)
                    : gitDirectory;
                return new GitLayout(current.FullName, gitDirectory, common);
            }
        }

        return null;
    }
}
