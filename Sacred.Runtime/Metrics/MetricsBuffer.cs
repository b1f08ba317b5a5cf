using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Sacred.Metrics;

/// <summary>
/// Holds a run's logged metric points until the recorder's thread drains them. <see cref="Log(string, double)"/>
/// is the hot path: no allocation once a name has been seen, no lock, no I/O, safe from several threads at once.
/// </summary>
/// <remarks>
/// Points go into one shared sequence of fixed-size chunks. A producer claims a slot with one atomic increment,
/// writes the point, and marks it committed; the order of claims is the logging order. Steps are not computed on
/// the hot path: a point records only whether its step was explicit, and <see cref="Drain"/> applies Sacred's
/// counter rules in logging order, so producers never write shared per-metric state. Drained chunks are pooled
/// and reused. When more than the flush threshold of points wait, the buffer asks the consumer to drain early
/// (<see cref="SetFlushRequest"/>). Once a consumer is attached, at most <see cref="MaxPendingThresholds"/>
/// thresholds' worth of chunks exist (32 MiB at the default threshold): a producer that would need another waits
/// until the consumer has written and recycled some. That bounds memory whatever the logging rate; only a loop
/// that logs faster than the store can write for longer than the bound ever waits, and then for one drain's
/// write. Without a consumer (nothing records the run) nothing waits and chunks are allocated as needed.
/// </remarks>
internal sealed partial class MetricsBuffer
{
    /// <summary>The default number of waiting points past which the consumer is asked to drain early.</summary>
    public const int DefaultFlushThreshold = 256 * 1024;

    /// <summary>
    /// How many flush thresholds' worth of points may wait for the consumer before a producer waits. Four gives the
    /// consumer three thresholds of slack after the flush request: it is woken, drains and writes one threshold
    /// while the producer fills the next ones, so a consumer that keeps up on average never stalls the producer.
    /// </summary>
    public const int MaxPendingThresholds = 4;

    // Read by every Log call; written only when a chunk fills.
    private MetricChunk _tail;

    private readonly MetricNameTable _names = new();
    private readonly Lock _chunkLock = new();
    private readonly Stack<MetricChunk> _pool = new();
    private readonly int _flushThresholdChunks;
    private readonly int _maxPooledChunks;
    private readonly int _maxLiveChunks;
    private readonly ManualResetEventSlim _room = new(true);
    private Action? _flushRequest;
    private bool _bounded;
    private long _producerWaits;
    private long _producerWaitTicks;
    private bool _flushRequested;
    private int _liveChunks = 1;

    /// <summary>Creates an empty buffer.</summary>
    /// <param name="flushThreshold">Waiting points past which the flush request fires, rounded up to whole
    /// chunks of <see cref="MetricChunk.Capacity"/> points.</param>
    public MetricsBuffer(int flushThreshold = DefaultFlushThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(flushThreshold);
        _flushThresholdChunks = (int)Math.Ceiling(flushThreshold / (double)MetricChunk.Capacity);
        // Room for a few thresholds' worth: a consumer woken by the flush request is still draining while the producer
        // fills more, and a consumer that is descheduled for a while should not turn every spike into garbage. The
        // pool only ever holds chunks that were needed once, so a run that logs slowly keeps one or two.
        _maxLiveChunks = (MaxPendingThresholds * _flushThresholdChunks) + 2;
        _maxPooledChunks = _maxLiveChunks;
        _tail = new MetricChunk();
        _head = _tail;
    }

    /// <summary>The flush threshold in points, as rounded to whole chunks.</summary>
    public int FlushThreshold => _flushThresholdChunks * MetricChunk.Capacity;

    /// <summary>How many times a producer has waited (or begun to wait) for the consumer to make room.</summary>
    public long ProducerWaits => Interlocked.Read(ref _producerWaits);

    /// <summary>The total time producers have waited for room.</summary>
    public TimeSpan ProducerWaitTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _producerWaitTicks));

    /// <summary>
    /// How many points have been logged (slots claimed) so far. Exact when no <c>Log</c> call is running.
    /// </summary>
    public long TotalPoints
    {
        get
        {
            MetricChunk tail = CurrentChunk;
            return tail.FirstIndex + Math.Min(Volatile.Read(ref tail.Reserved), MetricChunk.Capacity);
        }
    }

    /// <summary>The chunk new points go to.</summary>
    internal MetricChunk CurrentChunk => Volatile.Read(ref _tail);

    /// <summary>
    /// Sets the callback invoked, on the logging thread, when the waiting points first exceed the flush threshold
    /// since the last <see cref="Drain"/>. It must be cheap and must not block (e.g. set an event).
    /// </summary>
    /// <param name="signal">The callback.</param>
    /// <remarks>Setting it attaches a consumer: from then on memory is bounded (see the type's remarks) until
    /// <see cref="DetachConsumer"/>.</remarks>
    public void SetFlushRequest(Action signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        lock (_chunkLock)
        {
            _flushRequest = signal;
            _bounded = true;
        }
    }

    /// <summary>
    /// Says that nothing will drain any more (the run is finishing): producers stop waiting for room, and any that
    /// wait now are released.
    /// </summary>
    public void DetachConsumer()
    {
        lock (_chunkLock)
        {
            _bounded = false;
            _room.Set();
        }
    }

    /// <summary>Logs <paramref name="value"/> for <paramref name="name"/> at the metric's next automatic step.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="value">The value.</param>
    /// <remarks>The automatic step is a per-metric counter starting at 0; it continues from an explicit step.</remarks>
    public void Log(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        Append(MetricSlot.AutoStepTag(_names.GetId(name)), 0, value);
    }

    /// <summary>Logs <paramref name="value"/> for <paramref name="name"/> at <paramref name="step"/>.</summary>
    /// <param name="name">The metric name.</param>
    /// <param name="value">The value.</param>
    /// <param name="step">The step; the metric's next automatic step becomes <c>step + 1</c>.</param>
    public void Log(string name, double value, long step)
    {
        ArgumentNullException.ThrowIfNull(name);
        Append(MetricSlot.ExplicitStepTag(_names.GetId(name)), step, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(int tag, long step, double value)
    {
        long now = MetricClock.UnixMs;
        MetricChunk chunk = Volatile.Read(ref _tail);
        MetricSlot[] points = chunk.Points;
        int index = Interlocked.Increment(ref chunk.Reserved) - 1;
        if ((uint)index < (uint)points.Length)
        {
            Write(ref points[index], tag | chunk.LapBit, step, value, now);
            return;
        }

        AppendSlow(chunk, tag, step, value, now);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(ref MetricSlot point, int tag, long step, double value, long now)
    {
        point.Step = step;
        point.Value = value;
        point.TimestampMs = now;
        Volatile.Write(ref point.Tag, tag);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AppendSlow(MetricChunk full, int tag, long step, double value, long now)
    {
        while (true)
        {
            Action? signal = null;
            bool wait = false;
            lock (_chunkLock)
            {
                // The reserved check matters: a producer that read the tail long ago may be looking at a chunk that
                // has since been recycled and installed again, not yet full. Giving that one a successor would
                // leave its unclaimed slots, and the consumer, waiting forever.
                if (_tail == full && Volatile.Read(ref full.Reserved) >= MetricChunk.Capacity)
                {
                    if (_bounded && _liveChunks >= _maxLiveChunks)
                    {
                        // Full: the flush request has long been sent (at the threshold). Wait for Recycle.
                        _room.Reset();
                        wait = true;
                        signal = _flushRequest;
                    }
                    else
                    {
                        signal = InstallNextChunk(full);
                    }
                }
            }

            signal?.Invoke();
            if (wait)
            {
                WaitForRoom();
                continue;
            }

            MetricChunk chunk = Volatile.Read(ref _tail);
            MetricSlot[] points = chunk.Points;
            int index = Interlocked.Increment(ref chunk.Reserved) - 1;
            if ((uint)index < (uint)points.Length)
            {
                Write(ref points[index], tag | chunk.LapBit, step, value, now);
                return;
            }

            full = chunk;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForRoom()
    {
        Interlocked.Increment(ref _producerWaits);
        long start = Stopwatch.GetTimestamp();
        _room.Wait();
        Interlocked.Add(ref _producerWaitTicks, Stopwatch.GetTimestamp() - start);
    }

    // Under _chunkLock. Returns the flush request to invoke, once the lock is released, if this chunk crosses
    // the threshold.
    private Action? InstallNextChunk(MetricChunk full)
    {
        MetricChunk next = _pool.Count > 0 ? _pool.Pop() : new MetricChunk();
        next.Next = null;
        next.FirstIndex = full.FirstIndex + MetricChunk.Capacity;
        next.LapBit ^= 1;

        // A pooled chunk's count stays at or above capacity, so a late producer still holding it claims nothing.
        // Resetting it before the chunk is published means a claim that lands from now on is a real slot of
        // the new tail, and (the reset being a release) that its producer reads the new lap bit.
        Volatile.Write(ref next.Reserved, 0);
        Volatile.Write(ref full.Next, next);
        Volatile.Write(ref _tail, next);
        _liveChunks++;

        if (_liveChunks > _flushThresholdChunks && !_flushRequested && _flushRequest is not null)
        {
            _flushRequested = true;
            return _flushRequest;
        }

        return null;
    }
}
