using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace Sacred.Metrics;

internal sealed partial class MetricsBuffer
{
    private readonly Lock _drainLock = new();
    private readonly List<Segment> _segments = new();
    private readonly List<MetricChunk> _drainedChunks = new();
    private readonly List<int> _touched = new();
    private MetricChunk _head;
    private int _headPosition;
    private long[] _nextAutoStep = new long[16];
    private int[] _counts = new int[16];

    /// <summary>Whether the last <see cref="Drain"/> stopped at its limit with whole chunks left to drain.</summary>
    public bool HasBacklog { get; private set; }
    private Batch[] _batches = new Batch[16];

    /// <summary>
    /// Takes every point logged since the previous call, one batch per metric name (in the order the names first
    /// appear), each in logging order. Points whose <c>Log</c> call is still writing them are waited for.
    /// </summary>
    /// <param name="maxPoints">Stop after the whole chunk that reaches this many points (so a drain takes at most
    /// <c>maxPoints + </c><see cref="MetricChunk.Capacity"/> points and its arrays stay bounded); the rest waits for
    /// the next call. <see cref="HasBacklog"/> says whether a full chunk was left.</param>
    /// <returns>The batches; empty when nothing was logged. The caller owns them; it may hand them back with
    /// <see cref="Return"/> once nothing reads them any more, so that later drains reuse their arrays.</returns>
    public IReadOnlyList<MetricBatch> Drain(int maxPoints = int.MaxValue)
    {
        lock (_drainLock)
        {
            MetricClock.Resync();
            int total = CollectSegments(maxPoints);
            if (total == 0)
            {
                Recycle();
                return Array.Empty<MetricBatch>();
            }

            CountPoints();
            foreach (int id in _touched)
            {
                int count = _counts[id];
                _batches[id] = new Batch(
                    ArrayPool<long>.Shared.Rent(count),
                    ArrayPool<double>.Shared.Rent(count),
                    ArrayPool<long>.Shared.Rent(count));
            }

            FillBatches();
            var result = new MetricBatch[_touched.Count];
            for (int i = 0; i < result.Length; i++)
            {
                int id = _touched[i];
                Batch batch = _batches[id];
                int count = batch.Filled;
                result[i] = new MetricBatch(
                    _names.NameOf(id),
                    new ReadOnlyMemory<long>(batch.Steps, 0, count),
                    new ReadOnlyMemory<double>(batch.Values, 0, count),
                    new ReadOnlyMemory<long>(batch.TimestampsMs, 0, count));
                _batches[id] = default;
                _counts[id] = 0;
            }

            _touched.Clear();
            Recycle();
            return result;
        }
    }

    /// <summary>
    /// Gives the arrays of batches from <see cref="Drain"/> back for reuse. Optional: batches never returned are
    /// simply collected. Each batch may be returned once, and must not be read afterwards.
    /// </summary>
    /// <param name="batches">Batches a <see cref="Drain"/> call returned.</param>
    public static void Return(IReadOnlyList<MetricBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (MetricBatch batch in batches)
        {
            ReturnArray(batch.Steps);
            ReturnArray(batch.Values);
            ReturnArray(batch.TimestampsMs);
        }
    }

    private static void ReturnArray<T>(ReadOnlyMemory<T> memory)
    {
        if (MemoryMarshal.TryGetArray(memory, out ArraySegment<T> segment) && segment.Array is { } array)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }

    // Walks from the consumer's position to the last claimed slot, stopping at the chunk that was current on entry
    // so that a drain is bounded even while producers keep logging; records the ranges to read and the chunks that
    // will have been read to their end. Returns the number of points in the ranges.
    private int CollectSegments(int maxPoints)
    {
        _segments.Clear();
        int total = 0;
        MetricChunk last = CurrentChunk;
        MetricChunk chunk = _head;
        int from = _headPosition;
        while (true)
        {
            int end = Math.Min(Volatile.Read(ref chunk.Reserved), MetricChunk.Capacity);
            if (end > from)
            {
                _segments.Add(new Segment(chunk, from, end));
                total += end - from;
            }

            // Next is set only once every slot is claimed, so a chunk with a successor is read to its end here.
            MetricChunk? next = chunk != last && end == MetricChunk.Capacity ? Volatile.Read(ref chunk.Next) : null;
            if (next is not null && total >= maxPoints)
            {
                // Stop at a chunk boundary: this chunk is read to its end and can be recycled; the next drain
                // starts at the next one.
                _drainedChunks.Add(chunk);
                _head = next;
                _headPosition = 0;
                HasBacklog = true;
                return total;
            }

            if (next is null)
            {
                HasBacklog = false;
                _head = chunk;
                _headPosition = end;
                return total;
            }

            _drainedChunks.Add(chunk);
            chunk = next;
            from = 0;
        }
    }

    private void CountPoints()
    {
        foreach (Segment segment in _segments)
        {
            MetricSlot[] points = segment.Chunk.Points;
            int lapBit = segment.Chunk.LapBit;
            for (int i = segment.From; i < segment.End; i++)
            {
                int tag = Volatile.Read(ref points[i].Tag);
                if (!MetricSlot.IsCommitted(tag, lapBit))
                {
                    tag = WaitForCommit(ref points[i], lapBit);
                }

                int id = MetricSlot.MetricIdOf(tag);
                if (id >= _counts.Length)
                {
                    Grow(id);
                }

                if (_counts[id]++ == 0)
                {
                    _touched.Add(id);
                }
            }
        }
    }

    // Every slot here was seen committed in CountPoints, so its fields are visible.
    private void FillBatches()
    {
        foreach (Segment segment in _segments)
        {
            MetricSlot[] points = segment.Chunk.Points;
            for (int i = segment.From; i < segment.End; i++)
            {
                ref MetricSlot point = ref points[i];
                int id = MetricSlot.MetricIdOf(point.Tag);
                long step = MetricSlot.HasExplicitStep(point.Tag) ? point.Step : _nextAutoStep[id];
                _nextAutoStep[id] = step + 1;
                ref Batch batch = ref _batches[id];
                int at = batch.Filled++;
                batch.Steps[at] = step;
                batch.Values[at] = point.Value;
                batch.TimestampsMs[at] = point.TimestampMs;
            }
        }
    }

    // A producer claimed the slot but has not written it yet (it was preempted between the claim and the
    // commit). Its write is a few instructions away, so waiting is bounded by the scheduler, never by I/O.
    private static int WaitForCommit(ref MetricSlot point, int lapBit)
    {
        var spin = default(SpinWait);
        int tag;
        while (!MetricSlot.IsCommitted(tag = Volatile.Read(ref point.Tag), lapBit))
        {
            spin.SpinOnce();
        }

        return tag;
    }

    private void Grow(int id)
    {
        int length = Math.Max(id + 1, _counts.Length * 2);
        Array.Resize(ref _counts, length);
        Array.Resize(ref _nextAutoStep, length);
        Array.Resize(ref _batches, length);
    }

    private void Recycle()
    {
        lock (_chunkLock)
        {
            foreach (MetricChunk chunk in _drainedChunks)
            {
                if (_pool.Count < _maxPooledChunks)
                {
                    _pool.Push(chunk);
                }
            }

            _liveChunks -= _drainedChunks.Count;
            _flushRequested = false;
            _room.Set();
        }

        _drainedChunks.Clear();
    }

    private readonly record struct Segment(MetricChunk Chunk, int From, int End);

    private struct Batch(long[] steps, double[] values, long[] timestampsMs)
    {
        public readonly long[] Steps = steps;
        public readonly double[] Values = values;
        public readonly long[] TimestampsMs = timestampsMs;
        public int Filled;
    }
}
