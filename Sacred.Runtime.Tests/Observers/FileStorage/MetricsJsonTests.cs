using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;
using Xunit;

namespace Sacred.Runtime.Tests.Observers.FileStorage;

public sealed class MetricsJsonTests : IDisposable
{
    private readonly TempFiles _temp = new();

    private string RunDirectory => _temp.PathOf("runs/1");

    private string MetricsPath => Path.Combine(RunDirectory, "metrics.json");

    [Fact]
    public void Metrics_json_has_Sacreds_shape_sorted_by_name()
    {
        var observer = Started();

        observer.HeartbeatEvent(SampleRun.Beat(1, metrics:
        [
            SampleRun.Metric("training.loss", [0, 1, 2], [0.91, 1, 0.1 + 0.2], [SampleRun.Ms(0.512), SampleRun.Ms(1), SampleRun.Ms(1.5)]),
            SampleRun.Metric("val.acc", [10, 20], [1e-05, 123456789012], [SampleRun.Ms(2), SampleRun.Ms(2.25)]),
            SampleRun.Metric("diverged", [-1], [double.NaN], [SampleRun.Ms(3)]),
        ]));
        observer.HeartbeatEvent(SampleRun.Beat(2, metrics:
        [
            SampleRun.Metric("training.loss", [3], [double.NegativeInfinity], [SampleRun.Ms(4.001)]),
        ], isFinal: true));

        Assert.Equal(
            """
            {
              "diverged": {
                "steps": [
                  -1
                ],
                "timestamps": [
                  "2024-05-01T10:00:03"
                ],
                "values": [
                  NaN
                ]
              },
              "training.loss": {
                "steps": [
                  0,
                  1,
                  2,
                  3
                ],
                "timestamps": [
                  "2024-05-01T10:00:00.512000",
                  "2024-05-01T10:00:01",
                  "2024-05-01T10:00:01.500000",
                  "2024-05-01T10:00:04.001000"
                ],
                "values": [
                  0.91,
                  1.0,
                  0.30000000000000004,
                  -Infinity
                ]
              },
              "val.acc": {
                "steps": [
                  10,
                  20
                ],
                "timestamps": [
                  "2024-05-01T10:00:02",
                  "2024-05-01T10:00:02.250000"
                ],
                "values": [
                  1e-05,
                  123456789012.0
                ]
              }
            }
            """,
            File.ReadAllText(MetricsPath));
    }

    [Fact]
    public void There_is_no_metrics_json_before_the_first_point()
    {
        var observer = Started();

        observer.HeartbeatEvent(SampleRun.Beat(1, metrics: [SampleRun.Metric("loss", [], [], [])]));
        observer.HeartbeatEvent(SampleRun.Beat(2, isFinal: true));
        observer.EndedEvent(new RunEndedEvent(SampleRun.Start.AddSeconds(3), "COMPLETED", null, null));

        Assert.False(File.Exists(MetricsPath));
        Assert.False(Directory.Exists(Path.Combine(RunDirectory, ".metrics")));
    }

    [Fact]
    public void Points_go_to_sidecars_under_dot_metrics_with_their_names_listed_until_the_run_ends()
    {
        var observer = Started();

        observer.HeartbeatEvent(SampleRun.Beat(1, metrics: [Points("b", 0, 3), Points("a", 0, 2)], isFinal: true));

        var sidecars = Path.Combine(RunDirectory, ".metrics");
        Assert.Equal(["0.bin", "1.bin", "names.json"], Directory.GetFiles(sidecars).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("[\n  \"b\",\n  \"a\"\n]", File.ReadAllText(Path.Combine(sidecars, "names.json")));
        Assert.Equal(3 * 24, new FileInfo(Path.Combine(sidecars, "0.bin")).Length);
        Assert.Equal(
            ["config.json", "cout.txt", "metrics.json", "run.json"],
            Directory.GetFiles(RunDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        observer.EndedEvent(new RunEndedEvent(SampleRun.Start.AddSeconds(2), "COMPLETED", null, null));

        Assert.False(Directory.Exists(sidecars));
        Assert.Equal(
            ["config.json", "cout.txt", "metrics.json", "run.json"],
            Directory.GetFileSystemEntries(RunDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([0L, 1L, 2L], ReadMetrics()!["b"].Steps);
    }

    [Fact]
    public void Every_point_of_many_beats_is_in_the_final_file_in_logging_order()
    {
        var observer = Started();
        for (var beat = 0; beat < 40; beat++)
        {
            observer.HeartbeatEvent(SampleRun.Beat(beat, metrics: [Points("loss", beat * 100, 100), Points("lr", beat * 7, 7)]));
            AssertConsistentPrefix(ReadMetrics());
        }

        observer.HeartbeatEvent(SampleRun.Beat(41, isFinal: true));

        var metrics = ReadMetrics()!;
        Assert.Equal(4_000, metrics["loss"].Steps.Length);
        Assert.Equal(280, metrics["lr"].Steps.Length);
        AssertConsistentPrefix(metrics);
    }

    [Fact]
    public void The_end_event_writes_points_a_skipped_final_beat_would_have_written()
    {
        var observer = Started();
        for (var beat = 0; beat < 20; beat++)
        {
            observer.HeartbeatEvent(SampleRun.Beat(beat, metrics: [Points("loss", beat * 1000, 1000)]));
        }

        observer.EndedEvent(new RunEndedEvent(SampleRun.Start.AddSeconds(30), "INTERRUPTED", null, null));

        Assert.Equal(20_000, ReadMetrics()!["loss"].Steps.Length);
    }

    [Fact]
    public void A_concurrent_reader_never_sees_a_partial_metrics_json()
    {
        var observer = Started();
        var reads = 0;
        var failures = new List<string>();
        using var stop = new CancellationTokenSource();
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!File.Exists(MetricsPath))
                {
                    continue;
                }

                try
                {
                    using var document = JsonDocument.Parse(File.ReadAllBytes(MetricsPath));
                    reads++;
                }
                catch (JsonException e)
                {
                    failures.Add(e.Message);
                }
            }
        });
        reader.Start();

        for (var beat = 0; beat < 30; beat++)
        {
            observer.HeartbeatEvent(SampleRun.Beat(beat, metrics: [Points("loss", beat * 1000, 1000)], isFinal: beat % 3 == 0));
        }

        stop.Cancel();
        reader.Join();
        Assert.Empty(failures);
        Assert.True(reads > 0);
    }

    [Fact]
    public void Metric_arrays_that_are_not_parallel_are_refused()
    {
        var observer = Started();

        var error = Assert.Throws<ArgumentException>(() => observer.HeartbeatEvent(SampleRun.Beat(1, metrics:
            [SampleRun.Metric("loss", [0, 1], [0.5], [SampleRun.Ms(1), SampleRun.Ms(2)])])));

        Assert.StartsWith("metric 'loss': 2 steps, 1 values and 2 timestamps", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();

    private static MetricBatch Points(string name, int firstStep, int count)
    {
        var steps = Enumerable.Range(firstStep, count).Select(i => (long)i).ToArray();
        return new MetricBatch(
            name,
            steps,
            steps.Select(s => 1.0 / (s + 1)).ToArray(),
            steps.Select(s => SampleRun.Ms(s / 100.0)).ToArray());
    }

    // Each metric's arrays are parallel, steps count up from 0 and values match their steps.
    private static void AssertConsistentPrefix(Dictionary<string, (long[] Steps, string[] Timestamps, double[] Values)>? metrics)
    {
        if (metrics is null)
        {
            return;
        }

        foreach (var (steps, timestamps, values) in metrics.Values)
        {
            Assert.Equal(steps.Length, timestamps.Length);
            Assert.Equal(steps.Length, values.Length);
            Assert.Equal(Enumerable.Range(0, steps.Length).Select(i => (long)i), steps);
            Assert.Equal(steps.Select(s => 1.0 / (s + 1)), values);
            Assert.All(timestamps, t => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$", t));
        }
    }

    private Dictionary<string, (long[] Steps, string[] Timestamps, double[] Values)>? ReadMetrics()
    {
        if (!File.Exists(MetricsPath))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(MetricsPath));
        return document.RootElement.EnumerateObject().ToDictionary(
            metric => metric.Name,
            metric => (
                metric.Value.GetProperty("steps").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                metric.Value.GetProperty("timestamps").EnumerateArray().Select(e => e.GetString()!).ToArray(),
                metric.Value.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray()));
    }

    private FileStorageObserver Started()
    {
        var observer = new FileStorageObserver(_temp.PathOf("runs"));
        observer.Open();
        observer.StartedEvent(SampleRun.Started());
        return observer;
    }
}
