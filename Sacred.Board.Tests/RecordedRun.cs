using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Configuration;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;

namespace Sacred.Board.Tests;

/// <summary>Records one run into a store through the real embedded store observer, as an experiment would.</summary>
internal sealed class RecordedRun
{
    public string Experiment { get; init; } = "mnist";
    public string Status { get; init; } = "COMPLETED";
    public double? Result { get; init; }
    public string? Comment { get; init; }
    public ConfigNode Config { get; init; } = new ConfigObjectBuilder().Build();
    public IReadOnlyList<string> Modified { get; init; } = [];
    public IReadOnlyList<string> Added { get; init; } = [];
    public Dictionary<string, double[]> Metrics { get; init; } = [];
    public string Output { get; init; } = "";
    public string Host { get; init; } = "gpu-box-1";
    public DateTime Start { get; init; } = DateTime.UtcNow.AddMinutes(-30);
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(12);
    public IReadOnlyList<SourceFileInfo> Sources { get; init; } = [new SourceFileInfo("Train.cs", "9e107d9d372bb6826bd81d3542a419d6", "// Train.cs\nusing Sacred;\n\npublic static class Train\n{\n    public static double Run(double learningRate) => 1.0 / learningRate; // the result\n}\n")];
    public IReadOnlyList<(string Name, byte[] Content)> Artifacts { get; init; } = [];
    public IReadOnlyList<string>? FailTrace { get; init; }
    public IReadOnlyList<DependencyInfo> Dependencies { get; init; } = [new DependencyInfo("Sacred.Runtime", "1.0.0"), new DependencyInfo("TorchSharp", "0.107.0")];
    public string Commit { get; init; } = "4f1c2d9e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d";
    public bool Dirty { get; init; } = true;

    /// <summary>TensorBoard log directories recorded in info.tensorflow.logdirs, as a run's LogFileWriter would.</summary>
    public IReadOnlyList<string> LogDirs { get; init; } = [];

    /// <summary>False: the run is left RUNNING, with its last heartbeat at <see cref="Start"/> + <see cref="Duration"/>.</summary>
    public bool Ends { get; init; } = true;

    public long RecordInto(string store)
    {
        var observer = new EmbeddedStoreObserver(store);
        observer.Open();
        var empty = new ConfigObjectBuilder().Build();
        var started = new RunStartedEvent(
            null,
            "train",
            new ExperimentInfo(Experiment, "/home/ada/experiments", Sources.Count > 0 ? Sources[0].Path : "Train.cs", Sources, Dependencies, [new GitRepository("git@example.com:ada/experiments.git", Commit, Dirty)]),
            new HostInfo(Host, ["Linux", "Linux-6.1.0-x86_64"], "AMD EPYC 7B13", null, "10.0.1", new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = "0" }, new Dictionary<string, ConfigNode>()),
            Start,
            Config,
            new ConfigModifications(Modified, Added, []),
            new MetaInfo("train", empty, Comment, [], empty, null),
            42);
        observer.StartedEvent(started);
        var id = observer.RunId!.Value;

        var batches = new List<MetricBatch>();
        foreach (var (name, values) in Metrics)
        {
            var steps = Enumerable.Range(0, values.Length).Select(i => (long)i).ToArray();
            var startMs = new DateTimeOffset(Start).ToUnixTimeMilliseconds();
            batches.Add(new MetricBatch(name, steps, values, steps.Select(s => startMs + (s * 1000)).ToArray()));
        }

        var info = new ConfigObjectBuilder();
        info.Add("epochs_done", ConfigNode.From(3));
        if (LogDirs.Count > 0)
        {
            var tensorflow = new ConfigObjectBuilder();
            tensorflow.Add(TensorBoard.LogDirsKey, ConfigNode.FromList(LogDirs, ConfigNode.From));
            info.Add(TensorBoard.InfoKey, tensorflow.Build());
        }
        observer.HeartbeatEvent(new HeartbeatEvent(Start + Duration, info.Build(), null, Output, batches, IsFinal: Ends));
        var scratch = Path.Combine(Path.GetTempPath(), "sacred-board-artifact-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            foreach (var (name, content) in Artifacts)
            {
                var file = Path.Combine(scratch, Guid.NewGuid().ToString("N"));
                File.WriteAllBytes(file, content);
                observer.ArtifactEvent(new ArtifactEvent(name, file, null, null));
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }

        observer.ResourceEvent(new ResourceEvent("/data/mnist/train.csv", "0cc175b9c0f1b6a831c399e269772661"));
        if (Ends)
        {
            observer.EndedEvent(new RunEndedEvent(Start + Duration, Status, Result is { } r ? ConfigNode.From(r) : null, FailTrace));
        }

        observer.Close();
        return id;
    }

    public static ConfigNode BuildConfig(double learningRate, int batchSize, string optimizer, int depth, double dropout, bool batchNorm)
    {
        var head = new ConfigObjectBuilder();
        head.Add("dropout", ConfigNode.From(dropout));
        head.Add("activation", ConfigNode.From("relu"));
        var model = new ConfigObjectBuilder();
        model.Add("depth", ConfigNode.From(depth));
        model.Add("width", ConfigNode.From(128));
        model.Add("head", head.Build());
        var config = new ConfigObjectBuilder();
        config.Add("learning_rate", ConfigNode.From(learningRate));
        config.Add("batch_size", ConfigNode.From(batchSize));
        config.Add("optimizer", ConfigNode.From(optimizer));
        config.Add("batch_norm", ConfigNode.From(batchNorm));
        config.Add("layers", ConfigNode.FromList(new[] { 256, 128 }, ConfigNode.From));
        config.Add("model", model.Build());
        config.Add("seed", ConfigNode.From(42));
        return config.Build();
    }
}
