using System.Collections.Generic;
using Sacred.Generated;

namespace Sacred.Recording;

/// <summary>Sacred's <c>experiment.build</c> as a store holds it, read back by <see cref="RunRecordMapping.ReadExperiment"/>.</summary>
/// <param name="RepositoryRoot">The repository root at compile time.</param>
/// <param name="ProjectPath">The project file, relative to the repository root.</param>
/// <param name="TargetFramework">The target framework.</param>
/// <param name="SdkVersion">The SDK version that built it.</param>
/// <param name="Files">Each build file's path (relative to the repository root) and the store's reference to its stored copy.</param>
/// <param name="Packages">The restored packages with exact versions.</param>
/// <param name="ProjectReferences">Referenced projects (relative to the root, or a full path outside it).</param>
internal sealed record RecordedBuild(
    string RepositoryRoot,
    string ProjectPath,
    string TargetFramework,
    string SdkVersion,
    IReadOnlyList<KeyValuePair<string, ConfigNode>> Files,
    IReadOnlyList<DependencyInfo> Packages,
    IReadOnlyList<string> ProjectReferences)
{
    /// <summary>The build configuration (<c>Debug</c>, <c>Release</c>); empty where none was recorded.</summary>
    public string Configuration { get; init; } = "";
}
