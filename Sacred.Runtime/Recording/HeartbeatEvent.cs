using System;
using System.Collections.Generic;
using Sacred.Metrics;

namespace Sacred.Recording;

/// <summary>What changed since the previous heartbeat.</summary>
/// <param name="Time">UTC time of the beat.</param>
/// <param name="Info">The run's whole info dict (<c>run.Info</c>).</param>
/// <param name="Result">The current result (<c>run.Result</c>), if set.</param>
/// <param name="Output">Newly completed lines of captured output, with <c>\r</c> and <c>\b</c> already applied;
/// text already sent is never changed, so stores only append.</param>
/// <param name="Metrics">New points, one batch per metric name, in logging order.</param>
/// <param name="IsFinal">True for the beat sent just before the run's end event.</param>
public sealed record HeartbeatEvent(
    DateTime Time,
    ConfigNode Info,
    ConfigNode? Result,
    string Output,
    IReadOnlyList<MetricBatch> Metrics,
    bool IsFinal);
