using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Recording;

namespace Sacred.Runtime.Tests.Observers.FileStorage;

/// <summary>Events of a small run, with fixed times so that stored files can be compared whole.</summary>
internal static class SampleRun
{
    /// <summary>2024-05-01T10:00:00.000123 UTC.</summary>
    public static readonly DateTime Start = new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1230);

    public static SourceFileInfo Source(string path, string text) =>
        new(path, Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text))), text);

    public static RunStartedEvent Started(string? id = null, IReadOnlyList<SourceFileInfo>? sources = null, string name = "train") =>
        new(
            id,
            "my_main",
            new ExperimentInfo(
                name,
                "/home/u/proj",
                "train.cs",
                sources ?? [Source("train.cs", "class Train {}\n"), Source("lib/utils.cs", "class Utils {}\n")],
                [new DependencyInfo("Sacred.Runtime", "1.0.0"), new DependencyInfo("TorchSharp", "0.105.0")],
                [new GitRepository("git@github.com:u/proj.git", "d88deb25", false)]),
            new HostInfo(
                "box",
                ["Linux", "Linux-6.5.0-41-generic-x86_64-with-glibc2.35"],
                "Intel(R) Core(TM) i7-3770 CPU @ 3.40GHz",
                null,
                "10.0.1",
                new Dictionary<string, string>(),
                new Dictionary<string, ConfigNode>()),
            Start,
            Json("""{"lr": 0.1, "model": {"width": 64, "depth": 3}, "seed": 151625947}"""),
            new ConfigModifications(["lr"], [], []),
            new MetaInfo(
                "my_main",
                Json("""{"--comment": "baseline", "--file_storage": "runs", "--id": null, "UPDATE": ["lr=0.1"], "with": true}"""),
                "baseline",
                [],
                Json("""{"lr": 0.1}"""),
                null),
            151625947);

    public static HeartbeatEvent Beat(
        double seconds,
        string output = "",
        ConfigNode? result = null,
        ConfigNode? info = null,
        IReadOnlyList<MetricBatch>? metrics = null,
        bool isFinal = false) =>
        new(Start.AddSeconds(seconds), info ?? Json("{}"), result, output, metrics ?? [], isFinal);

    public static MetricBatch Metric(string name, long[] steps, double[] values, long[] timestampsMs) =>
        new(name, steps, values, timestampsMs);

    /// <summary>Unix milliseconds of <see cref="Start"/> plus an offset.</summary>
    public static long Ms(double secondsAfterStart) =>
        (long)(Start.AddSeconds(secondsAfterStart) - DateTime.UnixEpoch).TotalMilliseconds;

    public static ConfigNode Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ConfigNode.FromJson(document.RootElement);
    }
}
