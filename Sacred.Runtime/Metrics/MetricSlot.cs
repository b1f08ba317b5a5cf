using System.Runtime.InteropServices;

namespace Sacred.Metrics;

/// <summary>
/// The slot one logged point occupies in a <see cref="MetricChunk"/>: 32 bytes, written by one producer, read once by
/// the consumer.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct MetricSlot
{
    /// <summary>The explicit step; unused when <see cref="Tag"/> says the step is automatic.</summary>
    public long Step;

    /// <summary>The logged value.</summary>
    public double Value;

    /// <summary>UTC time as Unix epoch milliseconds.</summary>
    public long TimestampMs;

    /// <summary>
    /// The metric id, whether the step is explicit, and the lap bit of the chunk incarnation the point was written
    /// in. Written last with release semantics: a tag carrying the chunk's current lap bit is the point's commit
    /// mark, and a tag left from the chunk's previous use (the other lap bit) or never written (zero) is not.
    /// </summary>
    public int Tag;

    /// <summary>The largest metric id a tag can carry.</summary>
    public const int MaxMetricId = (int.MaxValue >> 2) - 1;

    /// <summary>The tag, less the lap bit, of a point of metric <paramref name="metricId"/> with an automatic step.</summary>
    public static int AutoStepTag(int metricId) => (metricId + 1) << 2;

    /// <summary>The tag, less the lap bit, of a point of metric <paramref name="metricId"/> with an explicit step.</summary>
    public static int ExplicitStepTag(int metricId) => ((metricId + 1) << 2) | 2;

    /// <summary>Whether <paramref name="tag"/> was written in the chunk incarnation with lap bit <paramref name="lapBit"/>.</summary>
    public static bool IsCommitted(int tag, int lapBit) => tag != 0 && (tag & 1) == lapBit;

    /// <summary>The metric id a committed tag carries.</summary>
    public static int MetricIdOf(int tag) => (tag >> 2) - 1;

    /// <summary>Whether a committed tag marks an explicit step.</summary>
    public static bool HasExplicitStep(int tag) => (tag & 2) != 0;
}
