using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Sacred.Configuration;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Observers;
using Sacred.Recording;

namespace Sacred.Board.Tests;

/// <summary>
/// A real store folder, recorded through the runtime's observer: six ordinary runs of two experiments (one
/// failed, one still running, one whose process died), and one hostile run whose every recorded string tries to
/// run script in the board.
/// </summary>
public sealed class BoardStore : IDisposable
{
    public const string HostileMarker = "__sacred_pwned";

    public BoardStore()
    {
        Directory.CreateDirectory(Path);
        var loss = (double start, int n) => Enumerable.Range(0, n).Select(i => start / (1 + (0.05 * i)) + (0.01 * Math.Sin(i))).ToArray();
        Ids["baseline"] = new RecordedRun
        {
            Config = RecordedRun.BuildConfig(0.1, 32, "adam", 2, 0.1, true),
            Modified = ["learning_rate"],
            Result = 0.91,
            Comment = "baseline",
            Metrics = { ["training.loss"] = loss(2.0, 500), ["validation.accuracy"] = [0.71, 0.84, 0.91] },
            Output = "epoch 1 loss 1.20\n\u001b[32mepoch 2 loss 0.80 OK\u001b[0m\nepoch 3 loss 0.41\n\u001b[1;31mWARNING\u001b[0m lr schedule ended\n",
            Artifacts = [("model.ckpt", Encoding.UTF8.GetBytes("weights")), ("curve.png", TinyPng()), ("predictions.csv", Encoding.UTF8.GetBytes("id,label,score\n1,7,0.98\n2,2,0.87\n")), ("metrics.json", Encoding.UTF8.GetBytes("{\"accuracy\":0.91,\"classes\":[0,1,2]}"))],
        }.RecordInto(Path);
        Ids["sgd"] = new RecordedRun
        {
            Config = RecordedRun.BuildConfig(0.05, 64, "sgd", 3, 0.2, false),
            Modified = ["optimizer", "model.depth"],
            Result = 0.87,
            Metrics = { ["training.loss"] = loss(2.4, 300), ["validation.accuracy"] = [0.6, 0.87] },
            Output = "sgd run\n",
        }.RecordInto(Path);
        Ids["failed"] = new RecordedRun
        {
            Config = RecordedRun.BuildConfig(0.5, 32, "adam", 2, 0.1, true),
            Status = "FAILED",
            Metrics = { ["training.loss"] = [2.0, 9.5, double.NaN] },
            Output = "diverged\n",
            FailTrace = ["Traceback (most recent call last):\n", "System.InvalidOperationException: loss is NaN\n"],
        }.RecordInto(Path);
        Ids["cifar"] = new RecordedRun
        {
            Experiment = "cifar",
            Host = "gpu-box-2",
            Config = RecordedRun.BuildConfig(0.01, 128, "adam", 8, 0.3, true),
            Result = 0.64,
            Metrics = { ["training.loss"] = loss(3.0, 400), ["validation.accuracy"] = [0.4, 0.64] },
            Output = "cifar\n",
            Duration = TimeSpan.FromHours(3),
            Start = DateTime.UtcNow.AddHours(-5),
        }.RecordInto(Path);
        Ids["running"] = new RecordedRun
        {
            Config = RecordedRun.BuildConfig(0.02, 32, "adam", 4, 0.1, true),
            Status = "RUNNING",
            Ends = false,
            Start = DateTime.UtcNow.AddSeconds(-20),
            Duration = TimeSpan.FromSeconds(10),
            Metrics = { ["training.loss"] = loss(2.0, 50) },
            Output = "step 1\nstep 2\n",
        }.RecordInto(Path);
        Ids["dead"] = new RecordedRun
        {
            Config = RecordedRun.BuildConfig(0.03, 32, "sgd", 4, 0.1, false),
            Ends = false,
            Start = DateTime.UtcNow.AddHours(-2),
            Duration = TimeSpan.FromMinutes(5),
            Metrics = { ["training.loss"] = loss(2.2, 80) },
            Output = "killed soon\n",
        }.RecordInto(Path);
        Ids["hostile"] = RecordHostile();
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sacred-board-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The ids of the runs by role: baseline, sgd, failed, cifar, running, dead, hostile.</summary>
    public Dictionary<string, long> Ids { get; } = [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Every string of this run is an attempt to run script; each would set window.__sacred_pwned.</summary>
    private long RecordHostile()
    {
        var script = $"<script>window.{HostileMarker}=1</script>";
        var image = $"<img src=x onerror=\"window.{HostileMarker}=2\">";
        var config = new ConfigObjectBuilder();
        config.Add("learning_rate", ConfigNode.From(0.07));
        config.Add("title", ConfigNode.From(script + image));
        config.Add(image, ConfigNode.From("a key that is markup"));
        return new RecordedRun
        {
            Experiment = $"evil{image}",
            Comment = script,
            Config = config.Build(),
            Added = [image],
            Result = 0.5,
            Host = $"host<svg onload=\"window.{HostileMarker}=3\">",
            Metrics = { [$"loss{image}"] = [1.0, 0.5] },
            Output = $"plain line\n{script}\n{image}\n\u001b[31m{image}\u001b[0m\n\u001b]8;;javascript:window.{HostileMarker}=4\u0007click me\u001b]8;;\u0007\n",
            Sources = [new SourceFileInfo($"Evil{image}.cs", "d41d8cd98f00b204e9800998ecf8427e", $"// {script}\nclass Evil {{ string s = \"{image}\"; }}\n")],
            Artifacts =
            [
                ("evil.html", Encoding.UTF8.GetBytes($"<html><body>{script}{image}</body></html>")),
                ("evil.svg", Encoding.UTF8.GetBytes($"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"window.{HostileMarker}=5\"><script>window.{HostileMarker}=6</script><rect width=\"10\" height=\"10\"/></svg>")),
                ($"notes{image}.txt", Encoding.UTF8.GetBytes(script)),
                ("../../escape.txt", Encoding.UTF8.GetBytes("a name that tries to climb out")),
            ],
            FailTrace = [script],
        }.RecordInto(Path);
    }

    /// <summary>A valid 2×2 PNG.</summary>
    private static byte[] TinyPng() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGP8z8Dwn4GBgYmBgYGBAQAbAQH/2JJb2QAAAABJRU5ErkJggg==");
}
