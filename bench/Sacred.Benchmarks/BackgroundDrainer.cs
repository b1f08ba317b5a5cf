using System;
using System.Diagnostics;
using System.Threading;
using Sacred.Metrics;

namespace Sacred.Benchmarks;

/// <summary>
/// Stands in for the run recorder's thread: drains a <see cref="MetricsBuffer"/> every interval, or at once when
/// the buffer asks for it, counts what it got and hands the batches back,
/// as the recorder does once its observers have written them.
/// </summary>
internal sealed class BackgroundDrainer : IDisposable
{
    private readonly MetricsBuffer _buffer;
    private readonly TimeSpan _interval;
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _drained;
    private long _drains;
    private long _flushRequests;
    private long _drainTicks;
    private TimeSpan _cpuTime;

    public BackgroundDrainer(MetricsBuffer buffer, TimeSpan interval)
    {
        _buffer = buffer;
        _interval = interval;
        buffer.SetFlushRequest(() =>
        {
            Interlocked.Increment(ref _flushRequests);
            _wake.Set();
        });
        _thread = new Thread(Loop) { IsBackground = true, Name = "metrics drainer" };
        _thread.Start();
    }

    public long Drained => Interlocked.Read(ref _drained);

    public long Drains => Interlocked.Read(ref _drains);

    public long FlushRequests => Interlocked.Read(ref _flushRequests);

    /// <summary>The drainer thread's CPU time, once it has stopped.</summary>
    public TimeSpan CpuTime => _cpuTime;

    /// <summary>Time spent inside <see cref="MetricsBuffer.Drain"/>.</summary>
    public TimeSpan DrainTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _drainTicks));

    /// <summary>Stops the thread after one last drain.</summary>
    public void Dispose()
    {
        if (!_stopping)
        {
            _stopping = true;
            _wake.Set();
            _thread.Join();
            _wake.Dispose();
        }
    }

    private void Loop()
    {
        while (true)
        {
            bool last = _stopping;
            if (!last)
            {
                _wake.WaitOne(_interval);
            }

            long points = 0;
            long started = Stopwatch.GetTimestamp();
            var batches = _buffer.Drain();
            Interlocked.Add(ref _drainTicks, Stopwatch.GetTimestamp() - started);
            foreach (MetricBatch batch in batches)
            {
                points += batch.Count;
            }

            MetricsBuffer.Return(batches);
            Interlocked.Add(ref _drained, points);
            Interlocked.Increment(ref _drains);
            if (last)
            {
                _cpuTime = ThreadCpuTime.Now();
                return;
            }
        }
    }
}
