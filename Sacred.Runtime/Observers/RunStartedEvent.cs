using System;
using System.Collections.Generic;
using Sacred.Configuration;
using Sacred.Generated;

namespace Sacred.Observers;

/// <summary>Everything known when a run starts (or is queued).</summary>
/// <param name="Id">The id fixed by <c>-i</c> or a higher-priority observer; null when the observer may allocate one.</param>
/// <param name="Command">The command as invoked, e.g. <c>train</c> or <c>dataset.stats</c>.</param>
/// <param name="Experiment">Name, base directory, main file, sources, dependencies and git state.</param>
/// <param name="Host">The machine.</param>
/// <param name="Time">UTC start time (queue time for a queued run).</param>
/// <param name="Config">The final config, <c>seed</c> included.</param>
/// <param name="Modifications">Which keys the command line or named configs changed.</param>
/// <param name="Meta">Command, options, comment, named configs, updates as given, priority.</param>
/// <param name="Seed">The root seed.</param>
public sealed record RunStartedEvent(
    string? Id,
    string Command,
    ExperimentInfo Experiment,
    HostInfo Host,
    DateTime Time,
    ConfigNode Config,
    ConfigModifications Modifications,
    MetaInfo Meta,
    int Seed);

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
    IReadOnlyList<SourceFile> Sources,
    IReadOnlyList<DependencyInfo> Dependencies,
    IReadOnlyList<RepositoryInfo> Repositories);

/// <summary>A compiled source file and its text, embedded by the generator.</summary>
/// <param name="Path">Relative to the base directory, '/'-separated.</param>
/// <param name="Md5">Lower-case hex MD5 of the UTF-8 text.</param>
/// <param name="Text">The text as compiled.</param>
public sealed record SourceFile(string Path, string Md5, string Text);

/// <summary>A git repository: origin URL (or <c>git:/path</c>), HEAD commit, uncommitted changes.</summary>
public sealed record RepositoryInfo(string Url, string Commit, bool Dirty);

/// <summary>The machine a run ran on.</summary>
/// <param name="Hostname">The host name.</param>
/// <param name="Os">Sacred's pair: system (e.g. <c>Linux</c>) and a platform string.</param>
/// <param name="Cpu">The CPU model, when known.</param>
/// <param name="Gpus">From <c>nvidia-smi</c> when present: model and memory per GPU, driver version; null otherwise.</param>
/// <param name="DotnetVersion">The runtime's version, e.g. <c>10.0.1</c>.</param>
/// <param name="Environment">The environment variables the user asked to record.</param>
/// <param name="Extra">Custom host-info entries.</param>
public sealed record HostInfo(
    string Hostname,
    IReadOnlyList<string> Os,
    string? Cpu,
    ConfigNode? Gpus,
    string DotnetVersion,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, ConfigNode> Extra);

/// <summary>Which config keys were changed from the defaults, and how.</summary>
public sealed record ConfigModifications(
    IReadOnlyList<string> Modified,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> TypeChanged);

/// <summary>Sacred's <c>meta</c>: how the run was asked for.</summary>
/// <param name="Command">The command as invoked.</param>
/// <param name="Options">Sacred's <c>meta.options</c> dict (every flag, <c>UPDATE</c>, <c>COMMAND</c>, ...).</param>
/// <param name="Comment">The <c>-c</c> comment.</param>
/// <param name="NamedConfigs">Named configs in the order given.</param>
/// <param name="ConfigUpdates">The command-line updates as given (an object tree), without named-config values.</param>
/// <param name="Priority">The <c>-P</c> priority.</param>
public sealed record MetaInfo(
    string Command,
    ConfigNode Options,
    string? Comment,
    IReadOnlyList<string> NamedConfigs,
    ConfigNode ConfigUpdates,
    double? Priority);
