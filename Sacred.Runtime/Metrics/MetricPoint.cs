using System.Runtime.InteropServices;

namespace Sacred.Metrics;

/// <summary>
/// One logged point as it sits in a <see cref="MetricChunk"/>: 32 bytes, written by one producer, read once by
/// the consumer.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct MetricPoint
{
    /// <summary>The explicit step; unused when <see cref="Tag"/> says the step is automatic.</summary>
    public long Step;

    /// <summary>The logged value.</summary>
    public double Value;

    /// <summary>UTC time as Unix epoch milliseconds.</summary>
    public long TimestampMs;

    /// <summary>
    /// <see cref="Empty"/> until the producer has written the other fields; then the metric id and whether the
    /// step is explicit. Written last with release semantics, so a non-zero tag is the point's commit mark.
    /// </summary>
    public int Tag;

    /// <summary>The tag of a slot nobody has written yet.</summary>
    public const int Empty = 0;

    /// <summary>The largest metric id a tag can carry.</summary>
    public const int MaxMetricId = (int.MaxValue >> 1) - 1;

    /// <summary>The tag of a point of metric <paramref name="metricId"/> with an automatic step.</summary>
    public static int AutoStepTag(int metricId) => (metricId + 1) << 1;

    /// <summary>The tag of a point of metric <paramref name="metricId"/> with an explicit step.</summary>
    public static int ExplicitStepTag(int metricId) => ((metricId + 1) << 1) | 1;

    /// <summary>The metric id a committed tag carries.</summary>
    public static int MetricIdOf(int tag) => (tag >> 1) - 1;

    /// <summary>Whether a committed tag marks an explicit step.</summary>
    public static bool HasExplicitStep(int tag) => (tag & 1) != 0;
}
