using System;
using Sacred.Host;

namespace Sacred.Recording;

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
