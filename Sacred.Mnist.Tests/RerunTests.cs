using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Sacred.Samples.Tests;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>
/// <c>sacred rerun ID</c> on a recorded Mnist run (TorchSharp, libtorch's native files, the in-repo GLIBCXX fix
/// imported by hand): the recorded files are materialised into a fresh folder, restored with the recorded package
/// versions, built, run with the recorded config and seed on one thread, and every loss comes out the same, bit for
/// bit. Real processes and real builds (each rerun compiles the sample and the Sacred projects it references).
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
    public void A_seeded_one_thread_run_reruns_with_identical_losses_and_a_changed_learning_rate_diverges_at_a_step()
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

        var changed = Sacred(run, "rerun", "1", "with", "learning_rate=0.01");

        Assert.True(changed.ExitCode == 3, changed.Stdout + changed.Stderr);
        Assert.Contains("\nconfig: differs at learning_rate: 0.001 recorded, 0.01 now\n", changed.Stdout);
        // Step 0's loss is computed before the first update, so the learning rate first shows at step 1.
        var divergence = Regex.Match(changed.Stdout, @"\nmetric training\.loss: diverges at step (\d+): (\S+) recorded, (\S+) now\n");
        Assert.True(divergence.Success, changed.Stdout);
        Assert.Equal("1", divergence.Groups[1].Value);
        using (var store = RunStore.Open(run.Store))
        {
            Assert.Equal("1", store.GetRun(3)!.Meta.RerunOf);
            Assert.Equal(store.GetMetric(1, "training.loss", 1000)!.Points[1].Value, double.Parse(divergence.Groups[2].Value, CultureInfo.InvariantCulture));
            Assert.Equal(store.GetMetric(3, "training.loss", 1000)!.Points[1].Value, double.Parse(divergence.Groups[3].Value, CultureInfo.InvariantCulture));
        }

        Assert.EndsWith("diverged\n", changed.Stdout, StringComparison.Ordinal);
    }

    private static ProcessOutcome Sacred(MnistRun run, params string[] args) =>
        Processes.Run("dotnet", [Processes.SacredToolDll(), .. args, "--store", run.Store], run.OutputDir, TimeSpan.FromMinutes(8));
}
