using System;
using System.Collections.Generic;
using Sacred.Configuration;

namespace Sacred.Observers;

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

/// <summary>New points of one metric: parallel arrays in logging order.</summary>
/// <param name="Name">The metric name, e.g. <c>training.loss</c>.</param>
/// <param name="Steps">Steps (Sacred's semantics: automatic per-metric counter unless given).</param>
/// <param name="Values">Values.</param>
/// <param name="TimestampsMs">UTC times as Unix epoch milliseconds.</param>
public sealed record MetricBatch(
    string Name,
    ReadOnlyMemory<long> Steps,
    ReadOnlyMemory<double> Values,
    ReadOnlyMemory<long> TimestampsMs)
{
    /// <summary>The number of points.</summary>
    public int Count => Steps.Length;
}

/// <summary>An artifact file the run added.</summary>
/// <param name="Name">The name it is stored under.</param>
/// <param name="Path">The file to copy, absolute.</param>
/// <param name="ContentType">The MIME type, when given or guessed from the extension.</param>
/// <param name="Metadata">Free-form metadata, if given.</param>
public sealed record ArtifactEvent(string Name, string Path, string? ContentType, ConfigNode? Metadata);

/// <summary>A resource file the run opened: absolute path and MD5 of its content.</summary>
public sealed record ResourceEvent(string Path, string Md5);

/// <summary>How a run ended.</summary>
/// <param name="Time">UTC stop time.</param>
/// <param name="Status">COMPLETED, FAILED, INTERRUPTED, TIMEOUT or a custom status.</param>
/// <param name="Result">The result, for a completed run.</param>
/// <param name="FailTrace">The exception, formatted as lines, for a failed run.</param>
public sealed record RunEndedEvent(DateTime Time, string Status, ConfigNode? Result, IReadOnlyList<string>? FailTrace);
