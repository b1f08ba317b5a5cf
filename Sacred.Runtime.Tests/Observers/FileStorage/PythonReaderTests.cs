using System;
using System.IO;
using System.Linq;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;
using Xunit;

namespace Sacred.Runtime.Tests.Observers.FileStorage;

/// <summary>Sacred's readers are Python: its json module must read our files, and write them back identically.</summary>
public sealed class PythonReaderTests : IDisposable
{
    // json.dumps(sort_keys=True, indent=2) is what Sacred's FileStorageObserver writes: the round trip must be
    // byte-for-byte (the content here is ASCII, where ensure_ascii makes no difference).
    private const string Reader = """
        import datetime, json, sys
        def load(path):
            with open(path) as f:
                text = f.read()
            data = json.loads(text)
            if json.dumps(data, sort_keys=True, indent=2) != text:
                sys.exit(path + " is not laid out as json.dump(sort_keys=True, indent=2) writes it")
            return data
        run = load("1/run.json")
        metrics = load("1/metrics.json")
        config = load("1/config.json")
        info = load("1/info.json")
        assert run["status"] == "COMPLETED", run["status"]
        assert run["result"] == 0.25
        for key in ("start_time", "heartbeat", "stop_time"):
            datetime.datetime.fromisoformat(run[key])
        assert run["experiment"]["sources"][0] == ["train.cs", "_sources/train_cd7da95f1c3b54c37b3bef03d80112ff.cs"]
        assert open(run["experiment"]["sources"][0][1]).read() == "class Train {}\n"
        assert config["model"] == {"depth": 3, "width": 64}
        assert info == {"epochs": 3}
        loss = metrics["loss"]
        assert loss["steps"] == list(range(2500)), loss["steps"][:5]
        assert loss["values"] == [s / 4 for s in range(2500)]
        times = [datetime.datetime.fromisoformat(t) for t in loss["timestamps"]]
        assert times == sorted(times) and times[0] == datetime.datetime(2024, 5, 1, 10, 0, 0)
        assert metrics["lr"]["values"] == [0.1, 0.01]
        print("read", len(loss["steps"]) + len(metrics["lr"]["steps"]), "points")
        """;

    private readonly TempFiles _temp = new();

    [PythonFact]
    public void Pythons_json_module_reads_and_rewrites_our_files_identically()
    {
        var observer = new FileStorageObserver(_temp.PathOf("runs"));
        observer.Open();
        observer.StartedEvent(SampleRun.Started());
        for (var beat = 0; beat < 5; beat++)
        {
            var steps = Enumerable.Range(beat * 500, 500).Select(s => (long)s).ToArray();
            observer.HeartbeatEvent(SampleRun.Beat(
                beat,
                info: SampleRun.Json("""{"epochs": 3}"""),
                metrics:
                [
                    new MetricBatch("loss", steps, steps.Select(s => s / 4.0).ToArray(), steps.Select(s => SampleRun.Ms(0) + s).ToArray()),
                    .. beat < 2 ? [SampleRun.Metric("lr", [beat], [beat == 0 ? 0.1 : 0.01], [SampleRun.Ms(beat)])] : Array.Empty<MetricBatch>(),
                ]));
        }

        observer.HeartbeatEvent(SampleRun.Beat(6, result: ConfigNode.From(0.25), isFinal: true));
        observer.EndedEvent(new RunEndedEvent(SampleRun.Start.AddSeconds(7), "COMPLETED", ConfigNode.From(0.25), null));
        observer.Close();

        var exitCode = Python.TryRun(_temp.PathOf("runs"), out var stdout, out var stderr, "-c", Reader);

        Assert.True(exitCode == 0, $"python3 exited with {exitCode}: {stderr}");
        Assert.Equal("read 2502 points\n", stdout);
    }

    [PythonFact]
    public void The_rebuild_script_turns_the_sidecars_into_the_same_metrics_json()
    {
        var observer = new FileStorageObserver(_temp.PathOf("runs"));
        observer.StartedEvent(SampleRun.Started());
        for (var beat = 0; beat < 3; beat++)
        {
            var steps = Enumerable.Range(beat * 300, 300).Select(s => (long)s).ToArray();
            observer.HeartbeatEvent(SampleRun.Beat(
                beat,
                metrics:
                [
                    new MetricBatch("loss", steps, steps.Select(s => 1.0 / (s + 3)).ToArray(), steps.Select(s => SampleRun.Ms(s * 0.0371)).ToArray()),
                    SampleRun.Metric("val.acc", [beat], [0.1 * beat], [SampleRun.Ms(beat)]),
                ],
                isFinal: beat == 2));
        }

        var script = Path.Combine(RepositoryRoot(), "Sacred.Runtime", "Observers", "FileStorage", "rebuild_metrics.py");
        var exitCode = Python.TryRun(_temp.PathOf("runs"), out var rebuilt, out var stderr, script, "1");

        Assert.True(exitCode == 0, $"python3 exited with {exitCode}: {stderr}");
        Assert.Equal(File.ReadAllText(_temp.PathOf("runs/1/metrics.json")), rebuilt);
    }

    public void Dispose() => _temp.Dispose();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sacred.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Sacred.sln not found above " + AppContext.BaseDirectory);
    }
}
