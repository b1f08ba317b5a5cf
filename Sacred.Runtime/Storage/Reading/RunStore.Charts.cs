using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage.Reading;

/// <summary>The board's chart reads: a metric downsampled within a step range, and every point for export.</summary>
public sealed partial class RunStore
{
    /// <summary>At most 1 M block summaries cached (about 100 MB), standing for 268 M points.</summary>
    private const long MaxSummarisedBlocks = 1 << 20;

    private readonly ConcurrentDictionary<ChunkKey, MetricBlockSummary[]> _chunkSummaries = new();
    private long _summarisedBlocks;

    /// <summary>
    /// Reads a metric's points with steps in [<paramref name="fromStep"/>, <paramref name="toStep"/>]: all of them
    /// when there are at most <paramref name="maxPoints"/>, otherwise the smallest and largest point of each of
    /// <c>maxPoints / 2</c> consecutive buckets of that range, so a zoomed chart gets more detail and spikes stay
    /// visible. Only the chunks that can hold steps of the range are read when steps never go back (the usual case).
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="name">The metric name.</param>
    /// <param name="maxPoints">The most points to return (at least 2).</param>
    /// <param name="fromStep">The first step of the range; null: from the start.</param>
    /// <param name="toStep">The last step of the range; null: to the end.</param>
    /// <returns>The series (<see cref="MetricSeries.RangeCount"/> says how many points the range holds), or null when the run has no such metric.</returns>
    /// <exception cref="ArgumentException"><paramref name="fromStep"/> is above <paramref name="toStep"/>.</exception>
    public MetricSeries? GetMetric(long runId, string name, int maxPoints, long? fromStep, long? toStep)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        var from = fromStep ?? long.MinValue;
        var to = toStep ?? long.MaxValue;
        if (from > to)
        {
            throw new ArgumentException($"The step range {from}..{to} is empty: from must not be above to.", nameof(fromStep));
        }

        using var connection = Connect();
        MapForReading(connection);
        using var transaction = connection.BeginTransaction(deferred: true);
        if (FindMetric(connection, transaction, runId, name) is not var (metricId, count))
        {
            return null;
        }

        var whole = fromStep is null && toStep is null;
        var chunks = ListChunks(connection, transaction, metricId, from, to, whole);
        var rangeCount = whole ? count : CountInRange(connection, transaction, chunks, from, to);
        var sampler = new MetricDownsampler(rangeCount, maxPoints);

        // Buckets of thousands of points are fed whole block summaries (stored with each chunk since schema v6, made
        // from the points for older chunks; cached per chunk, which is never rewritten), so a 10 M-point series costs
        // kilobytes; only chunks cut by the range edges are read point by point.
        var coarse = sampler.Downsampled && sampler.BucketSize >= 2 * MetricBlockSummary.Size;
        if (rangeCount > 0)
        {
            using var decoder = new ChunkDecoder();
            using var stored = new StoredSummaries(connection, transaction);
            foreach (var chunk in chunks)
            {
                if (coarse && chunk.Inside)
                {
                    foreach (var block in Summary(connection, transaction, chunk, stored, decoder))
                    {
                        sampler.AddBlock(block);
                    }

                    continue;
                }

                decoder.Read(connection, transaction, chunk.Id);
                if (chunk.Inside)
                {
                    sampler.Add(decoder.Steps, decoder.Values, decoder.Times);
                }
                else
                {
                    AddInRange(sampler, decoder.Steps, decoder.Values, decoder.Times, from, to);
                }
            }
        }

        var points = sampler.Finish();
        return new MetricSeries(name, count, sampler.Downsampled, points) { RangeCount = rangeCount, Bands = sampler.Bands };
    }

    /// <summary>
    /// Streams every point of a metric, chunk by chunk in logging order (at most 65,536 points per block), for a
    /// full-resolution export. The store is read as the sequence is enumerated.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="name">The metric name.</param>
    /// <returns>The blocks, or null when the run has no such metric.</returns>
    public IEnumerable<MetricBlock>? ReadMetric(long runId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        long metricId;
        using (var connection = Connect())
        using (var transaction = connection.BeginTransaction(deferred: true))
        {
            if (FindMetric(connection, transaction, runId, name) is not var (id, _))
            {
                return null;
            }

            metricId = id;
        }

        return ReadBlocks(metricId);
    }

    private IEnumerable<MetricBlock> ReadBlocks(long metricId)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT data FROM metric_chunks WHERE metric_id = $metric ORDER BY seq;";
        command.Parameters.AddWithValue("$metric", metricId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var chunk = reader.GetFieldValue<byte[]>(0);
            var count = MetricChunkCodec.CountOf(chunk);
            var block = new MetricBlock(new long[count], new double[count], new long[count]);
            MetricChunkCodec.Decode(chunk, block.Steps, block.Values, block.TimestampsMs);
            yield return block;
        }
    }

    private static (long Id, long Count)? FindMetric(SqliteConnection connection, SqliteTransaction transaction, long runId, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, count FROM metrics WHERE run_id = $run AND name = $name;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// The chunks that can hold steps of the range, each with whether all its points surely lie inside. When chunk
    /// first steps never go back, chunk i holds steps from its first step up to chunk i+1's first step; otherwise
    /// every chunk is a candidate and is checked point by point.
    /// </summary>
    private static List<ChunkInfo> ListChunks(SqliteConnection connection, SqliteTransaction transaction, long metricId, long from, long to, bool whole)
    {
        var all = new List<ChunkInfo>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            // length() of a BLOB reads only the record header, and the head comes through incremental BLOB I/O (its
            // first page): substr() would load every chunk whole.
            command.CommandText = "SELECT id, seq, first_step, count, length(data) FROM metric_chunks WHERE metric_id = $metric ORDER BY seq;";
            command.Parameters.AddWithValue("$metric", metricId);
            using var reader = command.ExecuteReader();
            Span<byte> head = stackalloc byte[64];
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                var length = reader.GetInt64(4);
                using var blob = new SqliteBlob(connection, "metric_chunks", "data", id, readOnly: true);
                var read = blob.Read(head[..(int)Math.Min(head.Length, length)]);
                all.Add(new ChunkInfo(new ChunkKey(metricId, id, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), length, Fingerprint(head[..read])), true));
            }
        }

        if (whole)
        {
            return all;
        }

        var ordered = true;
        for (var i = 1; i < all.Count && ordered; i++)
        {
            ordered = all[i].Key.FirstStep >= all[i - 1].Key.FirstStep;
        }

        var chunks = new List<ChunkInfo>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            if (!ordered)
            {
                chunks.Add(all[i] with { Inside = false });
                continue;
            }

            var first = all[i].Key.FirstStep;
            var next = i + 1 < all.Count ? all[i + 1].Key.FirstStep : (long?)null;
            if (first > to || (next is { } n && n < from))
            {
                continue;
            }

            chunks.Add(all[i] with { Inside = first >= from && next is { } upper && upper <= to });
        }

        return chunks;
    }

    private static long CountInRange(SqliteConnection connection, SqliteTransaction transaction, List<ChunkInfo> chunks, long from, long to)
    {
        long count = 0;
        using var decoder = new ChunkDecoder();
        foreach (var chunk in chunks)
        {
            if (chunk.Inside)
            {
                count += chunk.Key.Count;
                continue;
            }

            decoder.Read(connection, transaction, chunk.Id);
            foreach (var step in decoder.Steps)
            {
                if (step >= from && step <= to)
                {
                    count++;
                }
            }
        }

        return count;
    }

    private MetricBlockSummary[] Summary(SqliteConnection connection, SqliteTransaction transaction, ChunkInfo chunk, StoredSummaries stored, ChunkDecoder decoder)
    {
        if (_chunkSummaries.TryGetValue(chunk.Key, out var cached))
        {
            return cached;
        }

        if (!stored.TryRead(chunk.Id, chunk.Key.Count, out var summary))
        {
            decoder.Read(connection, transaction, chunk.Id);
            summary = MetricBlockSummary.Summarise(decoder.Steps, decoder.Values, decoder.Times);
        }

        if (Interlocked.Add(ref _summarisedBlocks, summary.Length) > MaxSummarisedBlocks)
        {
            // A bound, not an LRU: past it the cache starts again, which costs one full read per series.
            _chunkSummaries.Clear();
            Interlocked.Exchange(ref _summarisedBlocks, summary.Length);
        }

        _chunkSummaries[chunk.Key] = summary;
        return summary;
    }

    private static void AddInRange(MetricDownsampler sampler, ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> times, long from, long to)
    {
        var start = 0;
        while (start < steps.Length)
        {
            while (start < steps.Length && (steps[start] < from || steps[start] > to))
            {
                start++;
            }

            var end = start;
            while (end < steps.Length && steps[end] >= from && steps[end] <= to)
            {
                end++;
            }

            if (end > start)
            {
                sampler.Add(steps[start..end], values[start..end], times[start..end]);
            }

            start = end;
        }
    }

    private static long Fingerprint(ReadOnlySpan<byte> head)
    {
        var hash = unchecked((long)14695981039346656037UL);
        foreach (var b in head)
        {
            hash = unchecked((hash ^ b) * 1099511628211L);
        }

        return hash;
    }

    /// <summary>Lets SQLite read chunk BLOBs straight from the mapped file instead of copying page by page.</summary>
    private static void MapForReading(SqliteConnection connection)
    {
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA mmap_size = 1073741824;";
        pragma.ExecuteNonQuery();
    }

    /// <summary>
    /// Identifies a stored chunk and what it holds: chunks are appended and never rewritten, and the row id, count,
    /// first step, length and a hash of the first 64 bytes (format, count, the first values) tell a chunk of a deleted run
    /// from a later one that reused its row id.
    /// </summary>
    private readonly record struct ChunkKey(long MetricId, long Id, long Seq, long FirstStep, long Count, long Length, long Head);

    private readonly record struct ChunkInfo(ChunkKey Key, bool Inside)
    {
        public long Id => Key.Id;
    }

    /// <summary>Reads the block summaries the writer stored with a chunk (schema v6), through one prepared statement.</summary>
    private sealed class StoredSummaries : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _chunkId;

        public StoredSummaries(SqliteConnection connection, SqliteTransaction transaction)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = "SELECT blocks FROM metric_chunk_summaries WHERE chunk_id = $id;";
            _chunkId = _command.Parameters.Add("$id", SqliteType.Integer);
        }

        /// <summary>False when the chunk has no stored summary (written before v6) or one that does not fit it.</summary>
        public bool TryRead(long chunkId, long count, out MetricBlockSummary[] blocks)
        {
            _chunkId.Value = chunkId;
            using var reader = _command.ExecuteReader();
            if (!reader.Read())
            {
                blocks = [];
                return false;
            }

            return MetricBlockSummaryCodec.TryDecode(reader.GetFieldValue<byte[]>(0), count, out blocks);
        }

        public void Dispose() => _command.Dispose();
    }

    /// <summary>Reads one chunk by row id and decodes it into pooled buffers, reused chunk after chunk.</summary>
    private sealed class ChunkDecoder : IDisposable
    {
        private readonly long[] _steps = ArrayPool<long>.Shared.Rent(MetricChunkCodec.MaxPointsPerChunk);
        private readonly double[] _values = ArrayPool<double>.Shared.Rent(MetricChunkCodec.MaxPointsPerChunk);
        private readonly long[] _times = ArrayPool<long>.Shared.Rent(MetricChunkCodec.MaxPointsPerChunk);
        private readonly byte[] _blob = ArrayPool<byte>.Shared.Rent(MetricChunkCodec.MaxEncodedLength(MetricChunkCodec.MaxPointsPerChunk));
        private int _count;

        public ReadOnlySpan<long> Steps => _steps.AsSpan(0, _count);

        public ReadOnlySpan<double> Values => _values.AsSpan(0, _count);

        public ReadOnlySpan<long> Times => _times.AsSpan(0, _count);

        public void Read(SqliteConnection connection, SqliteTransaction transaction, long chunkId)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT data FROM metric_chunks WHERE id = $id;";
            command.Parameters.AddWithValue("$id", chunkId);
            using var reader = command.ExecuteReader();
            reader.Read();
            var length = (int)reader.GetBytes(0, 0, _blob, 0, _blob.Length);
            _count = MetricChunkCodec.Decode(_blob.AsSpan(0, length), _steps, _values, _times);
        }

        public void Dispose()
        {
            ArrayPool<long>.Shared.Return(_steps);
            ArrayPool<double>.Shared.Return(_values);
            ArrayPool<long>.Shared.Return(_times);
            ArrayPool<byte>.Shared.Return(_blob);
        }
    }
}
