using System;
using System.Collections.Generic;
using System.Diagnostics;
using Sacred.Configuration;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Storage;
using Sacred.Storage.Writing;

namespace Sacred.BoardBench;

/// <summary>
/// The charts' scale store, through the real writer: run 1 logs <c>loss</c> with 10 M points (a one-point spike
/// every 1 M), runs 2..201 log 200 k points each, with optimizer and learning rate in their config.
/// </summary>
internal static class ChartStoreGenerator
{
    public static void Create(string directory, long bigPoints, int runs, int pointsPerRun)
    {
        var clock = Stopwatch.StartNew();
        using var connection = StoreDatabase.OpenForWriting(directory);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF;";
            pragma.ExecuteNonQuery();
        }

        var files = new ContentStore(directory);
        var random = new Random(20261129);
        Write(connection, files, 0, bigPoints, random);
        for (var i = 1; i <= runs; i++)
        {
            Write(connection, files, i, pointsPerRun, random);
        }

        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;";
        checkpoint.ExecuteNonQuery();
        Console.Error.WriteLine($"  {bigPoints:N0} + {runs} x {pointsPerRun:N0} points in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static void Write(Microsoft.Data.Sqlite.SqliteConnection connection, ContentStore files, int index, long points, Random random)
    {
        var start = DateTime.UtcNow.AddDays(-3).AddMinutes(index);
        var config = new ConfigObjectBuilder();
        config.Add("optimizer", ConfigNode.From(index % 3 == 0 ? "sgd" : "adam"));
        config.Add("learning_rate", ConfigNode.From(Math.Round(Math.Pow(10, -1 - (3 * random.NextDouble())), 6)));
        var empty = new ConfigObjectBuilder().Build();
        var started = new RunStartedEvent(
            null,
            "train",
            new ExperimentInfo("scale", "/home/ada/exp", "Train.cs", [], [], []),
            new HostInfo("gpu-1", ["Linux"], "AMD EPYC", null, "10.0.1", new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
            start,
            config.Build(),
            new ConfigModifications([], [], []),
            new MetaInfo("train", empty, null, [], empty, null),
            index);
        var writer = RunWriter.Start(connection, files, started, queued: false);
        const int batch = 1_000_000;
        var startMs = new DateTimeOffset(start).ToUnixTimeMilliseconds();
        var scale = 1.0 + random.NextDouble();
        for (long from = 0; from < points; from += batch)
        {
            var n = (int)Math.Min(batch, points - from);
            var steps = new long[n];
            var values = new double[n];
            var times = new long[n];
            for (var i = 0; i < n; i++)
            {
                var step = from + i;
                steps[i] = step;
                values[i] = (scale / (1 + (step * 1e-5))) + (0.05 * random.NextDouble());
                times[i] = startMs + (step / 10);
            }

            if (points > 5_000_000)
            {
                values[n / 2] = 10 * scale;
            }

            writer.Heartbeat(new HeartbeatEvent(start.AddSeconds(from / 10_000.0), empty, null, "", [new MetricBatch("loss", steps, values, times)], false));
        }

        writer.End(new RunEndedEvent(start.AddHours(1), "COMPLETED", null, null));
    }
}
