using System;
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
    private readonly ExperimentBuild? _build;
    private readonly Func<ExperimentBuild?>? _makeBuild;

    /// <summary>
    /// What a rebuild needs beyond <see cref="Sources"/> (files, packages, framework, SDK); null where the build did not
    /// say. Set from compiled sources with <see cref="WithBuildOf"/>, it is made on first use only.
    /// </summary>
    public ExperimentBuild? Build
    {
        get => _build ?? _makeBuild?.Invoke();
        init
        {
            _build = value;
            _buildHash = null;
            _makeBuild = null;
        }
    }

    /// <summary>
    /// The hash that names <see cref="Build"/> in a store (<see cref="ExperimentBuild.ComputeHash"/>): as the generator
    /// computed it, or computed from <see cref="Build"/> when it was given directly; null without a build.
    /// </summary>
    public string? BuildHash => _buildHash ?? _build?.ComputeHash();

    private readonly string? _buildHash;

    /// <summary>This experiment with the build of <paramref name="sources"/>, which is made only when a reader asks for it.</summary>
    /// <param name="sources">The compiled sources, with their build's hash and the code that makes the build.</param>
    /// <returns>A copy that refers to the build.</returns>
    public ExperimentInfo WithBuildOf(ExperimentSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return sources.BuildHash is null ? this : new ExperimentInfo(this, sources.BuildHash, () => sources.Build);
    }

    private ExperimentInfo(ExperimentInfo original, string buildHash, Func<ExperimentBuild?> makeBuild)
        : this(original)
    {
        _build = null;
        _buildHash = buildHash;
        _makeBuild = makeBuild;
    }
}
