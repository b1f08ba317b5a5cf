using System.Collections.Generic;
using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>
/// What rebuilding the experiment needs beyond its compiled sources, fixed at compile time: the build's files, the
/// restored packages, the project's place in its repository, the target framework and the SDK version.
/// </summary>
/// <param name="RepositoryRoot">The repository root at compile time (global.json's folder, or SacredRepositoryRoot).</param>
/// <param name="ProjectPath">The project file, relative to <paramref name="RepositoryRoot"/>, '/'-separated.</param>
/// <param name="TargetFramework">The target framework it was built for (e.g. <c>net10.0</c>).</param>
/// <param name="SdkVersion">The .NET SDK that built it.</param>
/// <param name="Files">
/// Every file of the build other than the experiment's compiled sources, relative to the repository root: the
/// project file, Directory.Build.props/.targets, Directory.Packages.props, global.json, imported targets, the
/// AdditionalFiles, and the files of referenced projects in the repository. Ordinal path order.
/// </param>
/// <param name="Packages">Every restored package with its exact version (project.assets.json), case-insensitive order.</param>
/// <param name="ProjectReferences">
/// Referenced projects: relative to the repository root, or a full path for one outside it (which a rerun cannot rebuild).
/// </param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ExperimentBuild(
    string RepositoryRoot,
    string ProjectPath,
    string TargetFramework,
    string SdkVersion,
    IReadOnlyList<SourceFileInfo> Files,
    IReadOnlyList<DependencyInfo> Packages,
    IReadOnlyList<string> ProjectReferences);
