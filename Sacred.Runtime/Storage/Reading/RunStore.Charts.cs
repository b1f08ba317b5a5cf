using System;
using System.Buffers;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage.Reading;

/// <summary>The board's chart reads: a metric downsampled within a step range, and every point for export.</summary>
public sealed partial class RunStore
{
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
        using var transaction = connection.BeginTransaction(deferred: true);
        if (FindMetric(connection, transaction, runId, name) is not var (metricId, count))
        {
            return null;
        }

        var whole = fromStep is null && toStep is null;
        var chunks = whole ? null : ChunksInRange(connection, transaction, metricId, from, to);
        var rangeCount = whole ? count : CountInRange(connection, transaction, metricId, chunks!, from, to);
        var sampler = new MetricDownsampler(rangeCount, maxPoints);
        if (rangeCount > 0)
        {
            ForEachChunk(connection, transaction, metricId, chunks, (steps, values, times) =>
            {
                if (whole)
                {
                    sampler.Add(steps, values, times);
                    return;
                }

                AddInRange(sampler, steps, values, times, from, to);
            });
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
    private static List<ChunkSpan> ChunksInRange(SqliteConnection connection, SqliteTransaction transaction, long metricId, long from, long to)
    {
        var all = new List<(long Seq, long FirstStep)>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT seq, first_step FROM metric_chunks WHERE metric_id = $metric ORDER BY seq;";
            command.Parameters.AddWithValue("$metric", metricId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                all.Add((reader.GetInt64(0), reader.GetInt64(1)));
            }
        }

        var ordered = true;
        for (var i = 1; i < all.Count && ordered; i++)
        {
            ordered = all[i].FirstStep >= all[i - 1].FirstStep;
        }

        var spans = new List<ChunkSpan>(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            if (!ordered)
            {
                spans.Add(new ChunkSpan(all[i].Seq, Inside: false));
                continue;
            }

            var first = all[i].FirstStep;
            var next = i + 1 < all.Count ? all[i + 1].FirstStep : (long?)null;
            if (first > to || (next is { } n && n < from))
            {
                continue;
            }

            spans.Add(new ChunkSpan(all[i].Seq, Inside: first >= from && next is { } upper && upper <= to));
        }

        return spans;
    }

    private long CountInRange(SqliteConnection connection, SqliteTransaction transaction, long metricId, List<ChunkSpan> chunks, long from, long to)
    {
        long count = 0;
        var inside = new HashSet<long>();
        var edges = new List<ChunkSpan>();
        foreach (var chunk in chunks)
        {
            if (chunk.Inside)
            {
                inside.Add(chunk.Seq);
            }
            else
            {
                edges.Add(chunk);
            }
        }

        if (inside.Count > 0)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT seq, count FROM metric_chunks WHERE metric_id = $metric ORDER BY seq;";
            command.Parameters.AddWithValue("$metric", metricId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (inside.Contains(reader.GetInt64(0)))
                {
                    count += reader.GetInt64(1);
                }
            }
        }

        ForEachChunk(connection, transaction, metricId, edges, (steps, _, _) =>
        {
            foreach (var step in steps)
            {
                if (step >= from && step <= to)
                {
                    count++;
                }
            }
        });
        return count;
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

    private delegate void ChunkAction(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs);

    /// <summary>Decodes the given chunks (all of them when <paramref name="chunks"/> is null) in order into pooled buffers.</summary>
    private static void ForEachChunk(SqliteConnection connection, SqliteTransaction transaction, long metricId, List<ChunkSpan>? chunks, ChunkAction action)
    {
        if (chunks is { Count: 0 })
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = chunks is null
            ? "SELECT seq, data FROM metric_chunks WHERE metric_id = $metric ORDER BY seq;"
            : "SELECT seq, data FROM metric_chunks WHERE metric_id = $metric AND seq BETWEEN $first AND $last ORDER BY seq;";
        command.Parameters.AddWithValue("$metric", metricId);
        HashSet<long>? wanted = null;
        if (chunks is not null)
        {
            command.Parameters.AddWithValue("$first", chunks[0].Seq);
            command.Parameters.AddWithValue("$last", chunks[^1].Seq);
            wanted = [];
            foreach (var chunk in chunks)
            {
                wanted.Add(chunk.Seq);
            }
        }

        var steps = ArrayPool<long>.Shared.Rent(MetricChunkCodec.MaxPointsPerChunk);
        var values = ArrayPool<double>.Shared.Rent(MetricChunkCodec.MaxPointsPerChunk);
        var times = ArrayPool<long>.Shared.Rent(MetricChunkCodec.MaxPointsPerChunk);
        var blob = ArrayPool<byte>.Shared.Rent(MetricChunkCodec.MaxEncodedLength(MetricChunkCodec.MaxPointsPerChunk));
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (wanted is not null && !wanted.Contains(reader.GetInt64(0)))
                {
                    continue;
                }

                var length = (int)reader.GetBytes(1, 0, blob, 0, blob.Length);
                var points = MetricChunkCodec.Decode(blob.AsSpan(0, length), steps, values, times);
                action(steps.AsSpan(0, points), values.AsSpan(0, points), times.AsSpan(0, points));
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(steps);
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<long>.Shared.Return(times);
            ArrayPool<byte>.Shared.Return(blob);
        }
    }

    private readonly record struct ChunkSpan(long Seq, bool Inside);
}
