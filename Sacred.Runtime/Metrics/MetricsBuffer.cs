using System;
using System.Collections.Generic;
using Sacred.Observers;

namespace Sacred.Metrics;

// Placeholder with the final API; replaced by the lock-free implementation from the metrics branch.
internal sealed class MetricsBuffer
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (List<long> Steps, List<double> Values, List<long> Times, long Next)> _series = new();
    private Action? _flush;

    public long TotalPoints { get; private set; }

    public void Log(string name, double value)
    {
        lock (_gate)
        {
            var next = _series.TryGetValue(name, out var s) ? s.Next : 0;
            Add(name, value, next);
        }
    }

    public void Log(string name, double value, long step)
    {
        lock (_gate)
        {
            Add(name, value, step);
        }
    }

    public void SetFlushRequest(Action signal) => _flush = signal;

    public IReadOnlyList<MetricBatch> Drain()
    {
        lock (_gate)
        {
            var result = new List<MetricBatch>();
            foreach (var (name, s) in _series)
            {
                if (s.Steps.Count > 0)
                {
                    result.Add(new MetricBatch(name, s.Steps.ToArray(), s.Values.ToArray(), s.Times.ToArray()));
                    s.Steps.Clear();
                    s.Values.Clear();
                    s.Times.Clear();
                }
            }

            return result;
        }
    }

    private void Add(string name, double value, long step)
    {
        if (!_series.TryGetValue(name, out var s))
        {
            s = (new List<long>(), new List<double>(), new List<long>(), 0);
        }

        s.Steps.Add(step);
        s.Values.Add(value);
        s.Times.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        s.Next = step + 1;
        _series[name] = s;
        TotalPoints++;
        if (TotalPoints % 262144 == 0)
        {
            _flush?.Invoke();
        }
    }
}
