using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;

namespace Sacred.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Sacred.Benchmarks -- filestorage1m [--reps N] [--dir DIR]</c>:
/// one million points of one metric through the FileStorageObserver, as 100 heartbeats of 10K points plus the
/// final beat, and as a single final beat of 1M points (Sacred's end-of-run flush). Reports wall time from
/// the start event to Close, the final beat (which regenerates metrics.json, fsynced), how many times
/// metrics.json was rewritten, and its size per point. Every metrics.json is read back and checked to hold
/// all points. The single-beat case runs first, so its first rep shows what a fresh process pays for JIT
/// compilation (a short run whose only beat is the final one); later reps are warm.
/// </summary>
internal static class FileStorageOneMillion
{
    private const int Points = 1_000_000;
    private static readonly DateTime s_start = new(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ConfigNode s_empty = new ConfigObjectBuilder().Build();

    public static int Run(string[] args)
    {
        var reps = 3;
        var root = Path.Combine(Path.GetTempPath(), "sacred-filestorage1m-" + Guid.NewGuid().ToString("N")[..8]);
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--reps")
            {
                reps = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--dir")
            {
                root = args[i + 1];
            }
        }

        var (steps, values, timestamps) = MakePoints();
        Console.WriteLine($"FileStorageObserver, {Points:N0} points of one metric, base directory {root}, {reps} reps");
        Console.WriteLine("| case | rep | total wall | regular beat median / max | final beat | last metrics.json write (all 1M points) | rewrites | metrics.json | B/point |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var results = new List<(string Case, Result Result)>();
        for (var rep = 1; rep <= reps; rep++)
        {
            foreach (var (name, beats) in new[] { ("1 final beat × 1M", 0), ("100 beats × 10K + final", 100) })
            {
                var result = RunCase(Path.Combine(root, $"{beats}-{rep}"), beats, steps, values, timestamps);
                results.Add((name, result));
                Console.WriteLine(
                    $"| {name} | {rep} | {result.Total.TotalSeconds:F2} s | " +
                    $"{result.MedianBeat.TotalMilliseconds:F1} / {result.MaxBeat.TotalMilliseconds:F0} ms | {result.FinalBeat.TotalSeconds:F2} s | " +
                    $"{result.FinalWrite.TotalSeconds:F2} s | {result.Rewrites} | {result.Bytes / 1e6:F1} MB | {(double)result.Bytes / Points:F1} |");
            }
        }

        Console.WriteLine();
        foreach (var group in results.GroupBy(r => r.Case))
        {
            var median = group.Select(r => r.Result).OrderBy(r => r.Total).ElementAt(group.Count() / 2);
            Console.WriteLine(
                $"median {group.Key}: total {median.Total.TotalSeconds:F2} s, regular beat {median.MedianBeat.TotalMilliseconds:F1} ms " +
                $"(max {median.MaxBeat.TotalMilliseconds:F0} ms), final beat {median.FinalBeat.TotalSeconds:F2} s, " +
                $"last write {median.FinalWrite.TotalSeconds:F2} s, {(double)median.Bytes / Points:F1} B/point");
        }

        Directory.Delete(root, recursive: true);
        return 0;
    }

    private static Result RunCase(string baseDirectory, int beats, long[] steps, double[] values, long[] timestamps)
    {
        var observer = new FileStorageObserver(baseDirectory);
        observer.Open();
        var total = Stopwatch.StartNew();
        var id = observer.StartedEvent(Started())!;
        var metricsPath = Path.Combine(baseDirectory, id, "metrics.json");
        var rewrites = 0;
        var lastWrite = DateTime.MinValue;
        var regularBeats = new List<TimeSpan>();
        void Beat(int beat, MetricBatch[] batches, bool isFinal)
        {
            var watch = Stopwatch.StartNew();
            observer.HeartbeatEvent(new HeartbeatEvent(s_start.AddSeconds(beat * 10), s_empty, null, "", batches, isFinal));
            if (!isFinal)
            {
                regularBeats.Add(watch.Elapsed);
            }

            var written = File.GetLastWriteTimeUtc(metricsPath);
            if (written != lastWrite)
            {
                (rewrites, lastWrite) = (rewrites + 1, written);
            }
        }

        // Regular beats carry equal slices; the final beat carries nothing new, or all points when there are
        // no regular beats (Sacred's end-of-run flush).
        var perBeat = beats == 0 ? 0 : Points / beats;
        for (var beat = 0; beat < beats; beat++)
        {
            Beat(beat, [Batch(steps, values, timestamps, beat * perBeat, perBeat)], isFinal: false);
        }

        var final = Stopwatch.StartNew();
        Beat(beats, beats == 0 ? [Batch(steps, values, timestamps, 0, Points)] : [], isFinal: true);
        var finalBeat = final.Elapsed;

        observer.EndedEvent(new RunEndedEvent(s_start.AddSeconds(beats * 10 + 1), "COMPLETED", null, null));
        observer.Close();
        total.Stop();
        Check(metricsPath);
        regularBeats.Sort();
        return new Result(
            total.Elapsed,
            finalBeat,
            observer.LastMetricsRewriteDuration,
            rewrites,
            new FileInfo(metricsPath).Length,
            regularBeats.Count == 0 ? TimeSpan.Zero : regularBeats[regularBeats.Count / 2],
            regularBeats.Count == 0 ? TimeSpan.Zero : regularBeats[^1]);
    }

    private static MetricBatch Batch(long[] steps, double[] values, long[] timestamps, int offset, int count) =>
        new("training.loss", steps.AsMemory(offset, count), values.AsMemory(offset, count), timestamps.AsMemory(offset, count));

    // A loss curve with noise (17 significant digits, as real losses have) logged about every 0.37 ms.
    private static (long[] Steps, double[] Values, long[] Timestamps) MakePoints()
    {
        var random = new Random(42);
        var startMs = (long)(s_start - DateTime.UnixEpoch).TotalMilliseconds;
        var steps = new long[Points];
        var values = new double[Points];
        var timestamps = new long[Points];
        for (var i = 0; i < Points; i++)
        {
            steps[i] = i;
            values[i] = 2.5 * Math.Exp(-i / 200_000.0) + 0.01 * random.NextDouble();
            timestamps[i] = startMs + (long)(i * 0.37);
        }

        return (steps, values, timestamps);
    }

    private static void Check(string metricsPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(metricsPath));
        var loss = document.RootElement.GetProperty("training.loss");
        foreach (var column in new[] { "steps", "timestamps", "values" })
        {
            if (loss.GetProperty(column).GetArrayLength() != Points)
            {
                throw new InvalidOperationException($"{metricsPath}: {column} does not hold {Points} points");
            }
        }
    }

    private static RunStartedEvent Started() =>
        new(
            null,
            "train",
            new ExperimentInfo("bench", "/bench", "Bench.cs", [new SourceFileInfo("Bench.cs", "00000000000000000000000000000000", "")], [], []),
            new HostInfo("bench", ["Linux", "Linux"], null, null, Environment.Version.ToString(), new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
            s_start,
            s_empty,
            new ConfigModifications([], [], []),
            new MetaInfo("train", s_empty, null, [], s_empty, null),
            1);

    private sealed record Result(
        TimeSpan Total, TimeSpan FinalBeat, TimeSpan FinalWrite, int Rewrites, long Bytes, TimeSpan MedianBeat, TimeSpan MaxBeat);
}
