using System.Collections.Generic;
using Sacred.Generated;
using Sacred.Host;

namespace Sacred.Recording;

/// <summary>The experiment as compiled.</summary>
/// <param name="Name">The experiment name (or the <c>-n</c> override).</param>
/// <param name="BaseDirectory">The project directory at compile time.</param>
/// <param name="MainFile">The file declaring the experiment, relative to <paramref name="BaseDirectory"/>.</param>
/// <param name="Sources">Every compiled source file, with its MD5 and exact text.</param>
/// <param name="Dependencies">Packages and referenced projects with versions.</param>
/// <param name="Repositories">Git state of the base directory (empty when it is not in a repository).</param>
public sealed record ExperimentInfo(
    string Name,
    string BaseDirectory,
    string MainFile,
    IReadOnlyList<SourceFileInfo> Sources,
    IReadOnlyList<DependencyInfo> Dependencies,
    IReadOnlyList<GitRepository> Repositories)
{
    /// <summary>What a rebuild needs beyond <see cref="Sources"/> (files, packages, framework, SDK); null where the build did not say.</summary>
    public ExperimentBuild? Build { get; init; }
}
