using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Storage.Reading;

namespace Sacred.Benchmarks;

/// <summary>
/// End-to-end figures for the embedded store (<c>dotnet run -c Release --project bench/Sacred.Benchmarks -- store1m [runs]</c>):
/// 1 M points of one metric written in heartbeats of 10 K and in one heartbeat of 1 M, each heartbeat durable
/// (committed with synchronous=FULL) when it returns; bytes on disk per point; listing a store of many runs; and
/// downsampling 1 M points to 1000.
/// </summary>
internal static class StoreHarness
{
    private const int Points = 1_000_000;
    private const int Repetitions = 5;

    public static int Run(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var root = Path.Combine(Path.GetTempPath(), "sacred-store-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var (steps, values, times) = Series(Points);
            Console.WriteLine($"Embedded store harness, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Disk: 4 KiB append + fsync, median of 50: {FsyncLatency(root):F2} ms before"));
            Console.WriteLine();
            Console.WriteLine("| what | min | median | max |");
            Console.WriteLine("|---|---:|---:|---:|");
            string? store = null;
            foreach (var beatSize in new[] { 10_000, Points })
            {
                var wall = new List<double>();
                for (var rep = 0; rep < Repetitions; rep++)
                {
                    store = Path.Combine(root, $"points-{beatSize}-{rep}");
                    wall.Add(WritePoints(store, beatSize, steps, values, times));
                }

                Row($"1 M points in heartbeats of {beatSize:N0}, wall until durable", wall, "ms");
            }

            EncodingCost(steps, values, times);

            var baseline = Path.Combine(root, "no-points");
            WritePoints(baseline, 0, steps, values, times);
            var bytes = DatabaseBytes(store!) - DatabaseBytes(baseline);
            Console.WriteLine($"| database bytes per point (runs.db after close, minus the same run without points) | {bytes / (double)Points:F2} B | | |");

            using (var reader = RunStore.Open(store!))
            {
                var downsample = new List<double>();
                for (var rep = 0; rep < 10; rep++)
                {
                    var watch = Stopwatch.StartNew();
                    var series = reader.GetMetric(1, "training.loss", 1000)!;
                    downsample.Add(watch.Elapsed.TotalMilliseconds);
                    if (series.Points.Count > 1000 || series.TotalCount != Points)
                    {
                        throw new InvalidOperationException("Downsampling returned the wrong shape.");
                    }
                }

                Row("GetMetric: 1 M points downsampled to 1000", downsample, "ms");
            }

            var listing = Path.Combine(root, "listing");
            var populate = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                RecordSmallRun(listing, i);
            }

            populate.Stop();
            Console.WriteLine($"| record {runs:N0} short runs, one process after another's end (open, start, heartbeat, end, close) | | {populate.Elapsed.TotalMilliseconds / runs:F2} ms/run | |");
            using (var reader = RunStore.Open(listing))
            {
                Listing(reader, $"ListRuns over {runs:N0} runs: newest 50", new RunQuery());
                Listing(reader, $"ListRuns over {runs:N0} runs: sort by metrics.loss.min, page 10", new RunQuery { SortBy = "metrics.loss.min", Descending = false, Offset = 450 });
                Listing(reader, $"ListRuns over {runs:N0} runs: status FAILED, sort by duration", new RunQuery { Statuses = [RunStatus.Failed], SortBy = "duration" });
                Listing(reader, $"ListRuns over {runs:N0} runs: comment contains 'sweep 7'", new RunQuery { CommentContains = "sweep 7" });
                var detail = new List<double>();
                for (var rep = 0; rep < 20; rep++)
                {
                    var watch = Stopwatch.StartNew();
                    _ = reader.GetRun(runs / 2)!;
                    detail.Add(watch.Elapsed.TotalMilliseconds);
                }

                Row("GetRun (full record of one run)", detail, "ms");
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Disk: 4 KiB append + fsync, median of 50: {FsyncLatency(root):F2} ms after"));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static double WritePoints(string directory, int beatSize, long[] steps, double[] values, long[] times)
    {
        var observer = new EmbeddedStoreObserver(directory);
        observer.Open();
        observer.StartedEvent(Started(null, 0));
        var info = new ConfigObjectBuilder().Build();
        var watch = Stopwatch.StartNew();
        for (var from = 0; beatSize > 0 && from < Points; from += beatSize)
        {
            var batch = new MetricBatch("training.loss", steps.AsMemory(from, beatSize), values.AsMemory(from, beatSize), times.AsMemory(from, beatSize));
            observer.HeartbeatEvent(new HeartbeatEvent(UnixTime(times[from + beatSize - 1]), info, null, "", [batch], false));
        }

        var elapsed = watch.Elapsed.TotalMilliseconds;
        observer.EndedEvent(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, ConfigNode.From(values[^1]), null));
        observer.Close();
        return elapsed;
    }

    private static void RecordSmallRun(string directory, int index)
    {
        var observer = new EmbeddedStoreObserver(directory);
        observer.Open();
        var start = DateTime.UtcNow.AddHours(-1).AddMilliseconds(index);
        observer.StartedEvent(Started("sweep " + index.ToString(CultureInfo.InvariantCulture), index) with { Time = start });
        var random = new Random(index);
        var loss = Enumerable.Range(0, 10).Select(_ => random.NextDouble()).ToArray();
        var t0 = new DateTimeOffset(start).ToUnixTimeMilliseconds();
        var metric = new MetricBatch("loss", Enumerable.Range(0, 10).Select(i => (long)i).ToArray(), loss, Enumerable.Range(0, 10).Select(i => t0 + i).ToArray());
        observer.HeartbeatEvent(new HeartbeatEvent(start.AddSeconds(1), new ConfigObjectBuilder().Build(), null, $"run {index}\n", [metric], true));
        var failed = index % 10 == 0;
        observer.EndedEvent(new RunEndedEvent(
            start.AddSeconds(1 + random.Next(100)),
            failed ? RunStatus.Failed : RunStatus.Completed,
            failed ? null : ConfigNode.From(loss[^1]),
            failed ? ["InvalidOperationException: diverged\n"] : null));
        observer.Close();
    }

    private static void Listing(RunStore reader, string what, RunQuery query)
    {
        var times = new List<double>();
        for (var rep = 0; rep < 20; rep++)
        {
            var watch = Stopwatch.StartNew();
            var page = reader.ListRuns(query);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (page.TotalCount == 0)
            {
                throw new InvalidOperationException($"{what}: no runs matched.");
            }
        }

        Row(what, times, "ms");
    }

    private static RunStartedEvent Started(string? comment, int seed) =>
        new(
            null,
            "train",
            new ExperimentInfo("bench", "/src/bench", "Bench.cs", [new SourceFileInfo("Bench.cs", "0cc175b9c0f1b6a831c399e269772661", "class Bench {}")], [new DependencyInfo("Sacred", "1.0.0")], []),
            new HostInfo("bench-host", ["Linux", "Linux-x86_64"], "Xeon", null, Environment.Version.ToString(), new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
            DateTime.UtcNow,
            Config(seed),
            new ConfigModifications(["optimizer.learning_rate"], [], []),
            new MetaInfo("train", Options(comment), comment, [], ConfigNode.Null, null),
            seed);

    /// <summary>A config of 50 keys in 5 sections, the size of a typical training config.</summary>
    private static ConfigNode Config(int seed)
    {
        var root = new ConfigObjectBuilder();
        foreach (var section in new[] { "data", "model", "optimizer", "schedule", "logging" })
        {
            var node = new ConfigObjectBuilder();
            for (var i = 0; i < 10; i++)
            {
                node.Add($"{section}_setting_{i}", i % 2 == 0 ? ConfigNode.From(i * 0.125) : ConfigNode.From($"value-{i}"));
            }

            root.Add(section, node.Build());
        }

        root.Add("seed", ConfigNode.From(seed));
        return root.Build();
    }

    /// <summary>Sacred's <c>meta.options</c>: every flag, mostly unset.</summary>
    private static ConfigNode Options(string? comment)
    {
        var options = new ConfigObjectBuilder();
        foreach (var flag in new[] { "--beat-interval", "--capture", "--enforce_clean", "--file_storage", "--force", "--help", "--id", "--loglevel", "--mongo_db", "--name", "--pdb", "--print-config", "--priority", "--queue", "--store", "--unobserved", "--debug", "COMMAND", "help", "with" })
        {
            options.Add(flag, ConfigNode.Null);
        }

        options.Add("--comment", ConfigNode.From(comment));
        options.Add("UPDATE", ConfigNode.FromList(new[] { "optimizer.learning_rate=0.1" }, ConfigNode.From));
        return options.Build();
    }

    /// <summary>A loss curve logged at about 100 K points a second: steps 0, 1, 2, ..., times a few per millisecond.</summary>
    /// <summary>
    /// The writer's CPU per point for what it does with each chunk before SQLite: the chunk BLOB and, since schema v6,
    /// its block summaries (both into reused buffers, as the writer does), 1 M points in chunks of 64 K.
    /// </summary>
    private static void EncodingCost(long[] steps, double[] values, long[] times)
    {
        var chunkBuffer = new byte[Storage.MetricChunkCodec.MaxEncodedLength(Storage.MetricChunkCodec.MaxPointsPerChunk)];
        var summaryBuffer = new byte[Storage.MetricBlockSummaryCodec.MaxEncodedLength(Storage.MetricChunkCodec.MaxPointsPerChunk)];
        var chunk = new List<double>();
        var summary = new List<double>();
        long summaryBytes = 0;
        for (var rep = 0; rep < 20; rep++)
        {
            var watch = Stopwatch.StartNew();
            for (var from = 0; from < steps.Length; from += Storage.MetricChunkCodec.MaxPointsPerChunk)
            {
                var length = Math.Min(Storage.MetricChunkCodec.MaxPointsPerChunk, steps.Length - from);
                Storage.MetricChunkCodec.EncodeInto(chunkBuffer, steps.AsSpan(from, length), values.AsSpan(from, length), times.AsSpan(from, length));
            }

            chunk.Add(watch.Elapsed.TotalMilliseconds * 1e6 / steps.Length);
            watch.Restart();
            summaryBytes = 0;
            for (var from = 0; from < steps.Length; from += Storage.MetricChunkCodec.MaxPointsPerChunk)
            {
                var length = Math.Min(Storage.MetricChunkCodec.MaxPointsPerChunk, steps.Length - from);
                summaryBytes += Storage.MetricBlockSummaryCodec.EncodeInto(summaryBuffer, steps.AsSpan(from, length), values.AsSpan(from, length), times.AsSpan(from, length));
            }

            summary.Add(watch.Elapsed.TotalMilliseconds * 1e6 / steps.Length);
        }

        Row("writer: encode a chunk BLOB, per point (20 × 1 M points)", chunk, "ns");
        Row("writer: encode the chunk's block summaries, per point (20 × 1 M points)", summary, "ns");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| block summaries stored, bytes per point | {summaryBytes / (double)steps.Length:F3} B | | |"));
    }

    private static (long[] Steps, double[] Values, long[] Times) Series(int count)
    {
        var random = new Random(42);
        var steps = new long[count];
        var values = new double[count];
        var times = new long[count];
        var t0 = new DateTimeOffset(DateTime.UtcNow).ToUnixTimeMilliseconds();
        for (var i = 0; i < count; i++)
        {
            steps[i] = i;
            values[i] = (2.0 / Math.Sqrt(i + 1)) + (0.01 * random.NextDouble());
            times[i] = t0 + (i / 100);
        }

        return (steps, values, times);
    }

    /// <summary>Every durable commit waits for one fsync at least; on a shared VM its latency swings by 10x.</summary>
    private static double FsyncLatency(string directory)
    {
        var path = Path.Combine(directory, "fsync-probe");
        var block = new byte[4096];
        var samples = new List<double>();
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            for (var i = 0; i < 50; i++)
            {
                var watch = Stopwatch.StartNew();
                stream.Write(block);
                stream.Flush(flushToDisk: true);
                samples.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        File.Delete(path);
        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static DateTime UnixTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

    private static long DatabaseBytes(string directory) => new FileInfo(Path.Combine(directory, "runs.db")).Length;

    private static void Row(string what, List<double> samples, string unit)
    {
        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {samples[0]:F1} {unit} | **{samples[samples.Count / 2]:F1} {unit}** | {samples[^1]:F1} {unit} |"));
    }
}
