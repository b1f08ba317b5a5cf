using System;
using System.IO;
using System.Linq;
using Sacred.Metrics;
using Sacred.Storage;
using Sacred.Storage.Reading;
using Xunit;

using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

public sealed class MetricStorageTests
{
    [Fact]
    public void Summaries_are_kept_across_heartbeats_and_ignore_NaN_for_min_and_max()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        observer.HeartbeatEvent(Beat(Start.AddSeconds(10), metrics: [Metric("acc", 0, Start, 0.5, double.NaN, 0.1), Metric("loss", 0, Start, 3)]));
        observer.HeartbeatEvent(Beat(Start.AddSeconds(20), metrics: Metric("acc", 3, Start.AddSeconds(12), 0.9, 0.1, double.NaN)));
        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        var metrics = store.GetRun(1)!.Metrics;
        Assert.Equal(["acc", "loss"], metrics.Select(m => m.Name));
        var acc = metrics[0];
        Assert.Equal(6, acc.Count);
        Assert.Equal(0.1, acc.Min);
        Assert.Equal(2, acc.MinStep);
        Assert.Equal(0.9, acc.Max);
        Assert.Equal(3, acc.MaxStep);
        Assert.True(double.IsNaN(acc.Last));
        Assert.Equal(5, acc.LastStep);
        Assert.Equal(Start, acc.FirstTime);
        Assert.Equal(Start.AddSeconds(12).AddMilliseconds(2), acc.LastTime);

        var series = store.GetMetric(1, "acc", 100)!;
        Assert.False(series.Downsampled);
        Assert.Equal(6, series.TotalCount);
        Assert.Equal([0L, 1, 2, 3, 4, 5], series.Points.Select(p => p.Step));
        Assert.Equal([0.5, double.NaN, 0.1, 0.9, 0.1, double.NaN], series.Points.Select(p => p.Value));
        Assert.Equal(Start.AddSeconds(12), series.Points[3].Time);
    }

    [Fact]
    public void A_metric_with_all_NaN_values_has_no_min_or_max()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        observer.HeartbeatEvent(Beat(Start, metrics: Metric("bad", 0, Start, double.NaN, double.NaN)));
        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        var bad = Assert.Single(store.GetRun(1)!.Metrics);
        Assert.Equal(2, bad.Count);
        Assert.Null(bad.Min);
        Assert.Null(bad.MaxStep);
        Assert.True(double.IsNaN(bad.Last));
    }

    [Fact]
    public void Downsampling_keeps_each_buckets_extremes_so_a_single_spike_survives()
    {
        using var temp = new TempFiles();
        const int count = 100_000;
        var values = Enumerable.Range(0, count).Select(i => Math.Sin(i / 1000.0)).ToArray();
        values[54_321] = 1000;
        values[77_777] = -1000;
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        for (var from = 0; from < count; from += 10_000)
        {
            observer.HeartbeatEvent(Beat(Start.AddSeconds(from), metrics: Metric("loss", from, Start, values[from..(from + 10_000)])));
        }

        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        var series = store.GetMetric(1, "loss", 1000)!;
        Assert.True(series.Downsampled);
        Assert.Equal(count, series.TotalCount);
        Assert.InRange(series.Points.Count, 900, 1000);
        Assert.Contains(series.Points, p => p.Step == 54_321 && p.Value == 1000);
        Assert.Contains(series.Points, p => p.Step == 77_777 && p.Value == -1000);
        Assert.Equal(series.Points.Select(p => p.Step).Order(), series.Points.Select(p => p.Step));
        Assert.All(series.Points, p => Assert.Equal(values[p.Step], p.Value));
        Assert.Null(store.GetMetric(1, "missing", 1000));
        Assert.Null(store.GetMetric(2, "loss", 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.GetMetric(1, "loss", 1));
    }

    [Fact]
    public void A_heartbeat_larger_than_a_chunk_is_split_and_reads_back_in_order()
    {
        using var temp = new TempFiles();
        var count = (2 * MetricChunkCodec.MaxPointsPerChunk) + 17;
        var values = Enumerable.Range(0, count).Select(i => (double)i).ToArray();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        observer.HeartbeatEvent(Beat(Start, metrics: Metric("x", 0, Start, values)));
        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        var series = store.GetMetric(1, "x", int.MaxValue)!;
        Assert.Equal(values, series.Points.Select(p => p.Value));
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), series.Points.Select(p => p.Step));
    }

    [Fact]
    public void Points_cost_at_most_16_bytes_each_on_disk()
    {
        using var temp = new TempFiles();
        const int count = 200_000;
        var random = new Random(7);
        var values = Enumerable.Range(0, count).Select(_ => random.NextDouble()).ToArray();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        var empty = new FileInfo(Path.Combine(temp.Directory, "runs.db")).Length;
        for (var from = 0; from < count; from += 10_000)
        {
            observer.HeartbeatEvent(Beat(Start, metrics: Metric("loss", from, Start.AddSeconds(from), values[from..(from + 10_000)])));
        }

        observer.Close();

        // The run's writer leaves its WAL for the next one (no checkpoint at close); a checkpoint moves it into
        // the database.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(temp.Directory, "runs.db")};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        var bytes = new FileInfo(Path.Combine(temp.Directory, "runs.db")).Length - empty;
        Assert.InRange(bytes / (double)count, 8, 16);
    }

    [Fact]
    public void Mismatched_metric_arrays_are_refused_before_anything_is_written()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        var broken = new MetricBatch("x", new long[] { 0, 1 }, new double[] { 1 }, new long[] { 0, 0 });
        Assert.Throws<ArgumentException>(() => observer.HeartbeatEvent(Beat(Start, "text\n", metrics: broken)));
        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        Assert.Equal(0, store.GetRun(1)!.OutputChars);
    }
}
