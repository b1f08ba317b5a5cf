using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;

namespace Sacred.Tool.Tests;

/// <summary>A real store folder with runs recorded through the embedded store observer, as experiments record them.</summary>
public sealed class RecordedStore : IDisposable
{
    public RecordedStore()
    {
        Directory.CreateDirectory(Path);
        Record(lr: 0.1, losses: Enumerable.Range(0, 1000).Select(i => 1.0 / (i + 1)).ToArray(), status: "COMPLETED", result: 0.91, comment: "baseline");
        Record(lr: 0.5, losses: Enumerable.Range(0, 10).Select(i => 2.0 - (0.1 * i)).ToArray(), status: "FAILED", result: null, comment: null);
        Record(lr: 0.1, losses: new[] { 0.7, 0.6 }, status: "COMPLETED", result: 0.95, comment: "more data", depth: 4);
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sacred-board-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private void Record(double lr, double[] losses, string status, double? result, string? comment, int depth = 2)
    {
        var observer = new EmbeddedStoreObserver(Path);
        observer.Open();
        var config = new ConfigObjectBuilder();
        config.Add("learning_rate", ConfigNode.From(lr));
        var model = new ConfigObjectBuilder();
        model.Add("depth", ConfigNode.From(depth));
        config.Add("model", model.Build());
        config.Add("seed", ConfigNode.From(7));
        var empty = new ConfigObjectBuilder().Build();
        var started = new RunStartedEvent(
            null,
            "train",
            new ExperimentInfo("demo", "/src", "Demo.cs", [new SourceFileInfo("Demo.cs", "0123456789abcdef0123456789abcdef", "// demo")], [new DependencyInfo("Sacred.Runtime", "1.0.0")], [new GitRepository("git:/src", "abcdef1234567890", false)]),
            new HostInfo("box", ["Linux", "Linux-6"], "Test CPU", null, "10.0.0", new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
            DateTime.UtcNow,
            config.Build(),
            new ConfigModifications(["learning_rate"], [], []),
            new MetaInfo("train", empty, comment, [], empty, null),
            7);
        observer.StartedEvent(started);
        var steps = Enumerable.Range(0, losses.Length).Select(i => (long)i).ToArray();
        var times = steps.Select(s => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + s).ToArray();
        observer.HeartbeatEvent(new HeartbeatEvent(DateTime.UtcNow, empty, null, "epoch 1\nepoch 2\n", [new MetricBatch("training.loss", steps, losses, times)], true));
        observer.EndedEvent(new RunEndedEvent(DateTime.UtcNow, status, result is { } r ? ConfigNode.From(r) : null, status == "FAILED" ? ["Traceback\n", "ValueError: boom\n"] : null));
        observer.Close();
    }
}
