using System.Collections.Generic;
using Sacred.Metrics;

namespace Sacred.Runtime.Tests.Metrics;

/// <summary>Everything drained from a buffer so far, per metric name, in the order the batches delivered it.</summary>
internal sealed class DrainedPoints
{
    private readonly Dictionary<string, List<(long Step, double Value, long TimestampMs)>> _byName = new();

    public int Drains { get; private set; }

    public long Count { get; private set; }

    public IReadOnlyList<(long Step, double Value, long TimestampMs)> this[string name] =>
        _byName.TryGetValue(name, out var points) ? points : [];

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public static DrainedPoints From(MetricsBuffer buffer)
    {
        var drained = new DrainedPoints();
        drained.Add(buffer.Drain());
        return drained;
    }

    public void Add(IReadOnlyList<MetricBatch> batches)
    {
        Drains++;
        var seen = new HashSet<string>();
        foreach (MetricBatch batch in batches)
        {
            Xunit.Assert.True(seen.Add(batch.Name), $"two batches for {batch.Name} in one drain");
            Xunit.Assert.Equal(batch.Count, batch.Values.Length);
            Xunit.Assert.Equal(batch.Count, batch.TimestampsMs.Length);
            if (!_byName.TryGetValue(batch.Name, out var points))
            {
                points = new List<(long, double, long)>();
                _byName.Add(batch.Name, points);
            }

            var steps = batch.Steps.Span;
            var values = batch.Values.Span;
            var timestamps = batch.TimestampsMs.Span;
            for (int i = 0; i < batch.Count; i++)
            {
                points.Add((steps[i], values[i], timestamps[i]));
            }

            Count += batch.Count;
        }
    }
}
