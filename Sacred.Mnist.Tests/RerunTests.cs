using System;
using System.IO;
using System.Linq;
using Sacred.Samples.Tests;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>
/// <c>sacred rerun ID</c> on a recorded Mnist run (TorchSharp, libtorch's native files, the in-repo GLIBCXX fix
/// imported by hand): the recorded files are materialised into a fresh folder, restored with the recorded package
/// versions, built, run with the recorded config and seed on one thread, and every loss comes out the same, bit for
/// bit. Real processes and real builds (the rerun compiles the sample and the Sacred projects it references). A rerun
/// that diverges, and where, is tested on QuickStart (Sacred.Samples.Tests RerunTests), which builds faster.
/// </summary>
public sealed class RerunTests : IDisposable
{
    private MnistRun? _run;

    public void Dispose()
    {
        if (_run is not null)
        {
            Directory.Delete(_run.OutputDir, recursive: true);
        }
    }

    [Fact]
    public void A_seeded_one_thread_run_reruns_with_identical_losses()
    {
        // A few steps on a few rendered digits: a loss curve, no more.
        _run = MnistRun.Start(MnistRun.Jit(), "steps_per_epoch=4", "epochs=2", "seed=7", "data.samples=600");
        var run = _run;
        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.Stdout + run.Outcome.Stderr);

        var rerun = Sacred(run, "rerun", "1");

        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        var lines = rerun.Stdout.Split('\n');
        Assert.StartsWith("rerun of run 1 (samples/Mnist/Mnist.csproj, net10.0, ", lines[0], StringComparison.Ordinal);
        Assert.Contains("status: COMPLETED, as recorded", lines);
        Assert.Contains("config: equal", lines);
        Assert.Contains("result: equal", lines);
        Assert.Contains("metric training.loss: equal, 8 points step by step", lines);
        Assert.Contains("metric validation.loss: equal, 2 points step by step", lines);
        Assert.Contains(lines, l => l.StartsWith("output: equal", StringComparison.Ordinal));
        Assert.Contains("reproduced", lines);

        using (var store = RunStore.Open(run.Store))
        {
            var recorded = store.GetRun(1)!;
            var again = store.GetRun(2)!;
            Assert.Equal("1", again.Meta.RerunOf);
            Assert.Equal(ConfigNode.From(1), again.Config.Get("threads"));
            Assert.Equal(recorded.Config, again.Config);

            // What made the rebuild possible was recorded: the native packages and the fix imported by hand.
            var build = recorded.Experiment.Build!;
            Assert.Contains(build.Packages, p => p.Name == "TorchSharp");
            Assert.Contains(build.Packages, p => p.Name == "libtorch-cpu-linux-x64");
            Assert.Contains(build.Files, f => f.Path == "build/TorchSharpGlibcxxFix.targets");

            var losses = store.GetMetric(1, "training.loss", 1000)!.Points;
            var rerunLosses = store.GetMetric(2, "training.loss", 1000)!.Points;
            Assert.Equal(8, losses.Count);
            Assert.Equal(losses.Select(p => (p.Step, p.Value)), rerunLosses.Select(p => (p.Step, p.Value)));
            Assert.All(losses.Zip(run.Losses), pair => Assert.True(Math.Abs(pair.First.Value - pair.Second) < 1e-5, $"stored {pair.First.Value} vs printed {pair.Second}"));
        }
    }

    private static ProcessOutcome Sacred(MnistRun run, params string[] args) =>
        Processes.Run("dotnet", [Processes.SacredToolDll(), .. args, "--store", run.Store], run.OutputDir, TimeSpan.FromMinutes(8));
}
