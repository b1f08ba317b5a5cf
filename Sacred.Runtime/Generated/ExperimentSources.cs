using System.Collections.Generic;
using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>The experiment's sources and dependencies, fixed at compile time.</summary>
/// <param name="BaseDirectory">The project directory at compile time.</param>
/// <param name="MainFile">The file declaring the experiment, relative to <paramref name="BaseDirectory"/>.</param>
/// <param name="Files">Every compiled source file with its MD5, relative paths, ordinal order.</param>
/// <param name="Dependencies">Referenced assemblies (name and version), case-insensitive order, framework excluded.</param>
/// <param name="Build">What a rebuild needs beyond <paramref name="Files"/>; null where the build did not say (not built by MSBuild).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ExperimentSources(
    string BaseDirectory,
    string MainFile,
    IReadOnlyList<SourceFileInfo> Files,
    IReadOnlyList<DependencyInfo> Dependencies,
    ExperimentBuild? Build = null);
