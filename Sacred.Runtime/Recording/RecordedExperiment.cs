using System.Collections.Generic;
using Sacred.Generated;
using Sacred.Host;

namespace Sacred.Recording;

/// <summary>Sacred's <c>experiment</c> as a store holds it, read back by <see cref="RunRecordMapping.ReadExperiment"/>.</summary>
/// <param name="Name">The experiment name (or the <c>-n</c> override).</param>
/// <param name="BaseDirectory">The project directory at compile time.</param>
/// <param name="MainFile">The file declaring the experiment, relative to <paramref name="BaseDirectory"/>.</param>
/// <param name="Sources">Each source's path and the store's reference to its stored copy (md5, stored path, file id).</param>
/// <param name="Dependencies">Packages and referenced projects with versions.</param>
/// <param name="Repositories">Git state of the base directory.</param>
internal sealed record RecordedExperiment(
    string Name,
    string BaseDirectory,
    string MainFile,
    IReadOnlyList<KeyValuePair<string, ConfigNode>> Sources,
    IReadOnlyList<DependencyInfo> Dependencies,
    IReadOnlyList<GitRepository> Repositories)
{
    /// <summary>The recorded build (<c>experiment.build</c>), its files still <c>[path, reference]</c> pairs; null when none was recorded.</summary>
    public RecordedBuild? Build { get; init; }
}
