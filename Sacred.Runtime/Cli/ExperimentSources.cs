using System.Collections.Generic;

namespace Sacred.Cli;

/// <summary>The experiment's sources and dependencies, fixed at compile time.</summary>
/// <param name="BaseDirectory">The project directory at compile time.</param>
/// <param name="MainFile">The file declaring the experiment, relative to <paramref name="BaseDirectory"/>.</param>
/// <param name="Files">Every compiled source file with its MD5, relative paths, ordinal order.</param>
/// <param name="Dependencies">Referenced assemblies (name and version), case-insensitive order, framework excluded.</param>
public sealed record ExperimentSources(
    string BaseDirectory,
    string MainFile,
    IReadOnlyList<SourceFileInfo> Files,
    IReadOnlyList<DependencyInfo> Dependencies);

/// <summary>A compiled source file, embedded by the generator so the record holds exactly what ran.</summary>
/// <param name="Path">Path relative to the project directory, '/'-separated.</param>
/// <param name="Md5">Lower-case hex MD5 of the file's UTF-8 text as compiled.</param>
/// <param name="Text">The text as compiled.</param>
public sealed record SourceFileInfo(string Path, string Md5, string Text);

/// <summary>A referenced package or assembly.</summary>
/// <param name="Name">The package or assembly name.</param>
/// <param name="Version">Its version.</param>
public sealed record DependencyInfo(string Name, string Version);
