using System.Collections.Generic;
using Sacred.Generated;
using Sacred.Host;

namespace Sacred.Storage.Reading;

/// <summary>The experiment as a run recorded it (source texts are in the store's files; see <see cref="StoredSource"/>).</summary>
/// <param name="Name">The experiment name (or the <c>-n</c> override).</param>
/// <param name="BaseDirectory">The project directory at compile time.</param>
/// <param name="MainFile">The file declaring the experiment, relative to <paramref name="BaseDirectory"/>.</param>
/// <param name="Sources">The compiled source files, in path order.</param>
/// <param name="Dependencies">Packages and referenced projects with versions.</param>
/// <param name="Repositories">Git state of the base directory.</param>
public sealed record StoredExperiment(
    string Name,
    string BaseDirectory,
    string MainFile,
    IReadOnlyList<StoredSource> Sources,
    IReadOnlyList<DependencyInfo> Dependencies,
    IReadOnlyList<GitRepository> Repositories)
{
    /// <summary>What the run recorded for rebuilding it (<c>sacred rerun</c>); null for runs recorded without it.</summary>
    public StoredBuild? Build { get; init; }
}
