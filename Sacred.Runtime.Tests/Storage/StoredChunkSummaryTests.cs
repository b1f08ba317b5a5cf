using System;
using System.Linq;
using Microsoft.Data.Sqlite;
using Sacred.Storage;
using Sacred.Storage.Reading;
using Xunit;

using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

/// <summary>Block summaries stored by the writer with each chunk (schema v6), and stores whose chunks have none.</summary>
public sealed class StoredChunkSummaryTests
{
    private const int Count = 300_000;

    /// <summary>A noisy decreasing loss with one-point spikes, a NaN and a stretch of NaN only.</summary>
    private static double[] Values()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, Count).Select(i => (1.0 / (1 + (i * 1e-4))) + (0.01 * random.NextDouble())).ToArray();
        values[123_457] = 500;
        values[234_567] = -500;
        values[70_000] = double.NaN;
        Array.Fill(values, double.NaN, 200_192, 512);
        return values;
    }

    private static void Record(string directory, double[] values)
    {
        var observer = OpenObserver(directory);
        observer.StartedEvent(Started());
        for (var from = 0; from < values.Length; from += 100_000)
        {
            observer.HeartbeatEvent(Beat(Start.AddSeconds(from), metrics: Metric("loss", from, Start.AddSeconds(from), values[from..(from + 100_000)])));
        }

        observer.Close();
    }

    private static SqliteConnection Connect(string directory)
    {
        var connection = new SqliteConnection($"Data Source={StoreLayout.DatabasePath(directory)};Pooling=False");
        connection.Open();
        return connection;
    }

    private static long Execute(string directory, string sql)
    {
        using var connection = Connect(directory);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (long Step, double Value)[] Chart(string directory, long? from = null, long? to = null)
    {
        using var store = RunStore.Open(directory);
        var series = store.GetMetric(1, "loss", 200, from, to)!;
        Assert.True(series.Downsampled);
        return [.. series.Points.Select(p => (p.Step, p.Value))];
    }

    private static void AssertSpikesKept((long Step, double Value)[] chart)
    {
        Assert.Contains((123_457L, 500.0), chart);
        Assert.Contains((234_567L, -500.0), chart);
        Assert.Equal(chart.Select(p => p.Step).Order(), chart.Select(p => p.Step));
    }

    [Fact]
    public void Encoded_summaries_decode_to_what_the_points_summarise_to()
    {
        var random = new Random(3);
        var count = (3 * MetricBlockSummary.Size) + 17;
        var values = Enumerable.Range(0, count).Select(_ => random.NextDouble() - 0.5).ToArray();
        values[0] = double.NaN;
        Array.Fill(values, double.NaN, MetricBlockSummary.Size, MetricBlockSummary.Size);
        values[600] = double.PositiveInfinity;
        values[601] = double.NegativeInfinity;
        var steps = Enumerable.Range(0, count).Select(i => i % 100 == 0 ? -5L * i : 1_000_000_000_000L + (3L * i)).ToArray();
        var times = Enumerable.Range(0, count).Select(i => 1_764_000_000_000L - (i % 7 == 0 ? 90_000 : -i)).ToArray();

        var buffer = new byte[MetricBlockSummaryCodec.MaxEncodedLength(count)];
        var length = MetricBlockSummaryCodec.EncodeInto(buffer, steps, values, times);

        Assert.True(MetricBlockSummaryCodec.TryDecode(buffer.AsSpan(0, length), count, out var decoded));
        Assert.Equal(MetricBlockSummary.Summarise(steps, values, times), decoded);
        Assert.InRange(length, 4 * 10, 4 * 80);
        Assert.False(MetricBlockSummaryCodec.TryDecode(buffer.AsSpan(0, length), count + MetricBlockSummary.Size, out _));
        Assert.False(MetricBlockSummaryCodec.TryDecode(buffer.AsSpan(0, length - 1), count, out _));
        Assert.False(MetricBlockSummaryCodec.TryDecode([2, .. buffer.AsSpan(1, length - 1)], count, out _));
    }

    [Fact]
    public void The_writer_stores_each_chunks_summary_and_a_chart_reads_it_instead_of_the_points()
    {
        using var temp = new TempFiles();
        var values = Values();
        Record(temp.Directory, values);
        var chunks = Execute(temp.Directory, "SELECT COUNT(*) FROM metric_chunks;");
        Assert.Equal(chunks, Execute(temp.Directory, "SELECT COUNT(*) FROM metric_chunk_summaries JOIN metric_chunks ON id = chunk_id;"));
        Assert.InRange(
            Execute(temp.Directory, "SELECT SUM(length(blocks)) FROM metric_chunk_summaries;") / (double)Count,
            0.05,
            0.25);

        var chart = Chart(temp.Directory);
        AssertSpikesKept(chart);
        Assert.All(chart, p => Assert.Equal(values[p.Step], p.Value));

        // Points the chart no longer reads: a whole-series chart is made from the stored summaries alone.
        Execute(temp.Directory, "UPDATE metric_chunks SET data = zeroblob(length(data));");
        Assert.Equal(chart, Chart(temp.Directory));
    }

    [Fact]
    public void A_version_5_store_without_summaries_charts_the_same_and_new_chunks_get_summaries()
    {
        using var temp = new TempFiles();
        var values = Values();
        using (var connection = StoreDatabase.OpenForWriting(temp.Directory, [.. StoreSchema.Migrations.Take(5)]))
        {
            // The metric as the v5 writer stored it from heartbeats of 100 K points: chunks of at most 64 K, no summaries.
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO runs (id, experiment_name, command, status, start_time, seed) VALUES (1, 'mnist', 'train', 'COMPLETED', 1, 7);
                INSERT INTO metrics (id, run_id, name, count, chunks) VALUES (1, 1, 'loss', $count, $chunks);
                """;
            command.Parameters.AddWithValue("$count", Count);
            command.Parameters.AddWithValue("$chunks", 6);
            command.ExecuteNonQuery();
            command.Parameters.Clear();
            command.CommandText = "INSERT INTO metric_chunks (metric_id, seq, first_step, count, data) VALUES (1, $seq, $first, $count, $data);";
            var steps = Enumerable.Range(0, Count).Select(i => (long)i).ToArray();
            var times = steps.Select(s => 1_764_000_000_000 + s).ToArray();
            var seq = 0;
            for (var beat = 0; beat < Count; beat += 100_000)
            {
                // Chunked as the writer chunks the heartbeats of Record, so both stores have the same blocks.
                for (var from = beat; from < beat + 100_000; from += MetricChunkCodec.MaxPointsPerChunk)
                {
                    var length = Math.Min(MetricChunkCodec.MaxPointsPerChunk, beat + 100_000 - from);
                    command.Parameters.Clear();
                    command.Parameters.AddWithValue("$seq", seq++);
                    command.Parameters.AddWithValue("$first", from);
                    command.Parameters.AddWithValue("$count", length);
                    command.Parameters.AddWithValue("$data", MetricChunkCodec.Encode(steps.AsSpan(from, length), values.AsSpan(from, length), times.AsSpan(from, length)));
                    command.ExecuteNonQuery();
                }
            }
        }

        Assert.Equal(5, Execute(temp.Directory, "PRAGMA user_version;"));
        var fromPoints = Chart(temp.Directory);
        Assert.Equal(StoreSchema.CurrentVersion, Execute(temp.Directory, "PRAGMA user_version;"));
        Assert.Equal(0, Execute(temp.Directory, "SELECT COUNT(*) FROM metric_chunk_summaries;"));
        AssertSpikesKept(fromPoints);
        Assert.All(fromPoints, p => Assert.Equal(values[p.Step], p.Value));
        var zoomed = Chart(temp.Directory, 100_000, 250_000);
        AssertSpikesKept(zoomed);
        Assert.All(zoomed, p => Assert.InRange(p.Step, 100_000, 250_000));

        // The same points written by today's writer chart identically from their summaries, and so does a store where
        // only some chunks have them.
        using var written = new TempFiles();
        Record(written.Directory, values);
        Assert.Equal(fromPoints.Select(p => p.Value), Chart(written.Directory).Select(p => p.Value));
        Assert.Equal(fromPoints.Select(p => p.Step), Chart(written.Directory).Select(p => p.Step));
        Execute(written.Directory, "DELETE FROM metric_chunk_summaries WHERE chunk_id % 2 = 0;");
        Assert.Equal(fromPoints.Select(p => (p.Step, p.Value)), Chart(written.Directory));
    }

    [Fact]
    public void Deleting_a_chunk_deletes_its_summary_so_a_reused_row_id_never_meets_it()
    {
        using var temp = new TempFiles();
        Record(temp.Directory, Values());
        Assert.NotEqual(0, Execute(temp.Directory, "SELECT COUNT(*) FROM metric_chunk_summaries;"));

        Execute(temp.Directory, "DELETE FROM metric_chunks WHERE seq >= 2;");
        Assert.Equal(
            Execute(temp.Directory, "SELECT COUNT(*) FROM metric_chunks;"),
            Execute(temp.Directory, "SELECT COUNT(*) FROM metric_chunk_summaries;"));
        Execute(temp.Directory, "DELETE FROM metric_chunks;");
        Assert.Equal(0, Execute(temp.Directory, "SELECT COUNT(*) FROM metric_chunk_summaries;"));
    }
}
