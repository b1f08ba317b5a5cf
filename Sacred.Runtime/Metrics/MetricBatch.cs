using System;

namespace Sacred.Metrics;

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
