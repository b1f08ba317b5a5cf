namespace Sacred.Host.Git;

/// <summary>What <see cref="GitStateReader"/> read: the values Sacred records for a repository.</summary>
/// <param name="Url">The <c>origin</c> remote's URL, or <c>git:/</c> and the work-tree path.</param>
/// <param name="Commit">The HEAD commit's hash.</param>
/// <param name="Dirty">Whether <c>git status --porcelain --untracked-files=no</c> would print anything.</param>
internal readonly record struct GitState(string Url, string Commit, bool Dirty);
