using System.Collections.Generic;
using Sacred.Generated;

namespace Sacred.Storage.Reading;

/// <summary>What a run recorded for rebuilding it beyond its sources (<c>experiment.build</c>).</summary>
/// <param name="RepositoryRoot">The repository root at compile time.</param>
/// <param name="ProjectPath">The project file, relative to the repository root.</param>
/// <param name="TargetFramework">The target framework it was built for.</param>
/// <param name="SdkVersion">The .NET SDK that built it.</param>
/// <param name="Files">The build's files (project, props/targets, global.json, AdditionalFiles, referenced projects' files), paths relative to the repository root.</param>
/// <param name="Packages">Every restored package with its exact version.</param>
/// <param name="ProjectReferences">Referenced projects: relative to the repository root, or a full path outside it.</param>
public sealed record StoredBuild(
    string RepositoryRoot,
    string ProjectPath,
    string TargetFramework,
    string SdkVersion,
    IReadOnlyList<StoredSource> Files,
    IReadOnlyList<DependencyInfo> Packages,
    IReadOnlyList<string> ProjectReferences)
{
    /// <summary>
    /// The hash that names the build in the store (stored once per store and shared by its runs); null for a run
    /// recorded before the store kept builds apart (schema v4), whose build files are its own.
    /// </summary>
    public string? Hash { get; init; }
}
