using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Sacred.Generated;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>
/// A store of two runs of one experiment that differ the way a user's do (a config value, one source line, package
/// versions, the commit, an artifact, one output line, and output timestamps that should not count), served by a board.
/// </summary>
public sealed class CompareBoard : RecordedStoreBoard
{
    public const string OldLine = "    public static double Run(double learningRate) => 1.0 / learningRate; // the result";
    public const string NewLine = "    public static double Run(double learningRate) => 2.0 / learningRate; // doubled";

    public long Before { get; private set; }

    public long After { get; private set; }

    public static string Source(string line) =>
        "// Train.cs\nusing Sacred;\n\npublic static class Train\n{\n" + line + "\n}\n// line 8\n// line 9\n// line 10\n// line 11\n// line 12\n// line 13\n";

    public CompareBoard()
        : base("compare")
    {
    }

    protected override void Record()
    {
        Before = new RecordedRun
        {
            Config = RecordedRun.BuildConfig(0.1, 32, "adam", 2, 0.1, true),
            Sources = [new SourceFileInfo("Train.cs", "11111111111111111111111111111111", Source(OldLine)), new SourceFileInfo("Data.cs", "33333333333333333333333333333333", "class Data { }\n")],
            Dependencies = [new DependencyInfo("Sacred.Runtime", "1.0.0"), new DependencyInfo("TorchSharp", "0.107.0"), new DependencyInfo("Newtonsoft.Json", "13.0.3")],
            Commit = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Dirty = false,
            Metrics = { ["training.loss"] = [2.0, 1.5, 1.0, 0.8] },
            Output = "2026-11-29 10:00:01 epoch 1 loss 1.20\n[10:00:02.125] epoch 2 loss 0.80 (1.52s)\ntest accuracy 0.91\n",
            Artifacts = [("model.ckpt", Encoding.UTF8.GetBytes("weights-1")), ("labels.txt", Encoding.UTF8.GetBytes("0 1 2"))],
        }.RecordInto(Path);
        After = new RecordedRun
        {
            Config = RecordedRun.BuildConfig(0.05, 32, "adam", 2, 0.1, true),
            Sources = [new SourceFileInfo("Train.cs", "22222222222222222222222222222222", Source(NewLine)), new SourceFileInfo("Data.cs", "33333333333333333333333333333333", "class Data { }\n")],
            Dependencies = [new DependencyInfo("Sacred.Runtime", "1.0.0"), new DependencyInfo("TorchSharp", "0.108.0"), new DependencyInfo("System.Numerics.Tensors", "10.0.0")],
            Commit = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            Dirty = true,
            Metrics = { ["training.loss"] = [2.1, 1.2, 0.9, 0.5, 0.4] },
            Output = "2026-11-30 09:12:44 epoch 1 loss 1.20\n[09:12:45.900] epoch 2 loss 0.80 (1.61s)\ntest accuracy 0.93\n",
            Artifacts = [("model.ckpt", Encoding.UTF8.GetBytes("weights-2")), ("labels.txt", Encoding.UTF8.GetBytes("0 1 2"))],
        }.RecordInto(Path);
    }
}
