using System.Collections.Generic;
using Sacred.Host;
using Sacred.Recording;

namespace Sacred.Storage.Reading;

/// <summary>Everything a run recorded, except the bulk data read page by page (output, metric points, file contents).</summary>
/// <param name="Summary">The row of the runs table (id, status, times, result, ...).</param>
/// <param name="Config">The final config.</param>
/// <param name="Modifications">Which keys the command line or named configs changed.</param>
/// <param name="Meta">How the run was asked for: command, options, comment, named configs, updates, priority.</param>
/// <param name="Host">The machine.</param>
/// <param name="Experiment">Name, sources, dependencies, git state.</param>
/// <param name="Info">The run's info dict (empty object before the first heartbeat).</param>
/// <param name="FailTrace">The formatted exception, for a failed run.</param>
/// <param name="Artifacts">Artifacts, by name.</param>
/// <param name="Resources">Resources, in path order.</param>
/// <param name="Metrics">Metric summaries, by name.</param>
/// <param name="OutputChars">The length of the captured output (read it with <see cref="RunStore.ReadOutput"/>).</param>
/// <param name="ProcessId">The process that ran it, for telling whether a RUNNING run is still alive.</param>
public sealed record RunDetail(
    RunSummary Summary,
    ConfigNode Config,
    ConfigModifications Modifications,
    MetaInfo Meta,
    HostInfo Host,
    StoredExperiment Experiment,
    ConfigNode Info,
    IReadOnlyList<string>? FailTrace,
    IReadOnlyList<StoredArtifact> Artifacts,
    IReadOnlyList<StoredResource> Resources,
    IReadOnlyList<MetricSummary> Metrics,
    long OutputChars,
    int? ProcessId);
