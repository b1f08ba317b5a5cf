using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>The experiment's sources and dependencies, fixed at compile time.</summary>
/// <param name="BaseDirectory">The project directory at compile time.</param>
/// <param name="MainFile">The file declaring the experiment, relative to <paramref name="BaseDirectory"/>.</param>
/// <param name="Files">Every compiled source file with its MD5, relative paths, ordinal order.</param>
/// <param name="Dependencies">Referenced assemblies (name and version), case-insensitive order, framework excluded.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ExperimentSources(
    string BaseDirectory,
    string MainFile,
    IReadOnlyList<SourceFileInfo> Files,
    IReadOnlyList<DependencyInfo> Dependencies)
{
    private readonly Func<ExperimentBuild>? _build;

    /// <summary>The sources with the build they were compiled in, which is made only when asked for.</summary>
    /// <param name="baseDirectory">The project directory at compile time.</param>
    /// <param name="mainFile">The file declaring the experiment, relative to <paramref name="baseDirectory"/>.</param>
    /// <param name="files">Every compiled source file with its MD5.</param>
    /// <param name="dependencies">Referenced assemblies (name and version).</param>
    /// <param name="buildHash">The build's hash as the generator computed it (<see cref="ExperimentBuild.ComputeHash"/>).</param>
    /// <param name="build">Makes the build record: hundreds of files, so only a run that must store it pays for it.</param>
    public ExperimentSources(
        string baseDirectory,
        string mainFile,
        IReadOnlyList<SourceFileInfo> files,
        IReadOnlyList<DependencyInfo> dependencies,
        string buildHash,
        Func<ExperimentBuild> build)
        : this(baseDirectory, mainFile, files, dependencies)
    {
        BuildHash = buildHash;
        _build = build;
    }

    /// <summary>The hash that names the build (<see cref="ExperimentBuild.ComputeHash"/>); null where the build did not say.</summary>
    public string? BuildHash { get; }

    /// <summary>What a rebuild needs beyond <see cref="Files"/>, made on first use; null where the build did not say (not built by MSBuild).</summary>
    public ExperimentBuild? Build => _build?.Invoke();
}
