using System;
using System.Collections.Generic;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;

namespace Sacred.Runtime.Tests.Storage;

/// <summary>Builds observer events as the runtime would send them, with every field filled.</summary>
internal static class StoreEvents
{
    public static readonly DateTime Start = new(2026, 11, 28, 10, 0, 0, 123, DateTimeKind.Utc);

    public static RunStartedEvent Started(
        string? id = null,
        string experiment = "mnist",
        string? comment = "baseline",
        DateTime? time = null,
        IReadOnlyList<SourceFileInfo>? sources = null,
        int seed = 151625947,
        double? priority = 2.5)
    {
        var model = new ConfigObjectBuilder();
        model.Add("depth", ConfigNode.From(3));
        model.Add("width", ConfigNode.From(64));
        var config = new ConfigObjectBuilder();
        config.Add("learning_rate", ConfigNode.From(0.1));
        config.Add("model", model.Build());
        config.Add("name", ConfigNode.From("adam"));
        config.Add("layers", ConfigNode.FromList(new[] { 1, 2 }, ConfigNode.From));
        config.Add("seed", ConfigNode.From(seed));

        var options = new ConfigObjectBuilder();
        options.Add("--comment", ConfigNode.From(comment));
        options.Add("--queue", ConfigNode.From(false));
        options.Add("UPDATE", ConfigNode.FromList(new[] { "learning_rate=0.1" }, ConfigNode.From));
        var updates = new ConfigObjectBuilder();
        updates.Add("learning_rate", ConfigNode.From(0.1));

        var gpu = new ConfigObjectBuilder();
        gpu.Add("driver_version", ConfigNode.From("550.1"));
        var extra = new Dictionary<string, ConfigNode> { ["cluster"] = ConfigNode.From("north") };

        return new RunStartedEvent(
            id,
            "train",
            new ExperimentInfo(
                experiment,
                "/home/u/proj",
                "Mnist.cs",
                sources ?? [new SourceFileInfo("Mnist.cs", "md5-main", "class Mnist {}"), new SourceFileInfo("Net/Model.cs", "md5-model", "class Model {}")],
                [new DependencyInfo("Sacred", "1.0.0"), new DependencyInfo("TorchSharp", "0.107.0")],
                [new GitRepository("git@example.com:u/proj.git", "d88deb25", true)]),
            new HostInfo(
                "box",
                ["Linux", "Linux-6.5.0-x86_64"],
                "Intel Xeon",
                gpu.Build(),
                "10.0.1",
                new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = "0" },
                extra),
            time ?? Start,
            config.Build(),
            new ConfigModifications(["learning_rate"], ["model.dropout"], ["model.width"]),
            new MetaInfo("train", options.Build(), comment, ["fast"], updates.Build(), priority),
            seed);
    }

    public static HeartbeatEvent Beat(
        DateTime time,
        string output = "",
        ConfigNode? result = null,
        ConfigNode? info = null,
        bool isFinal = false,
        params MetricBatch[] metrics) =>
        new(time, info ?? new ConfigObjectBuilder().Build(), result, output, metrics, isFinal);

    public static MetricBatch Metric(string name, long firstStep, DateTime firstTime, params double[] values)
    {
        var steps = new long[values.Length];
        var times = new long[values.Length];
        var t0 = new DateTimeOffset(firstTime).ToUnixTimeMilliseconds();
        for (var i = 0; i < values.Length; i++)
        {
            steps[i] = firstStep + i;
            times[i] = t0 + i;
        }

        return new MetricBatch(name, steps, values, times);
    }

    public static EmbeddedStoreObserver OpenObserver(string directory)
    {
        var observer = new EmbeddedStoreObserver(directory);
        observer.Open();
        return observer;
    }
}
