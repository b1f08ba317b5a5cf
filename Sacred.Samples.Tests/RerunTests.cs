using System;
using System.IO;
using System.Linq;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>
/// <c>sacred rerun ID</c> on a real QuickStart run: the recorded files are materialised into a fresh folder, restored
/// with the recorded package versions, built, run with the recorded updates and seed, recorded with
/// <c>meta.rerun_of</c>, and compared. Real processes and real builds (each rebuild compiles the sample and the
/// Sacred projects it references from the record).
/// </summary>
public sealed class RerunTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-rerun-" + Guid.NewGuid().ToString("N"));

    private string Store => Path.Combine(_root, "store");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void A_quickstart_run_reruns_identically_and_a_changed_learning_rate_diverges_at_a_step()
    {
        var run = Processes.Run("dotnet", [Processes.QuickStartDll(), "with", "steps=20", "samples=64", "--store", Store], Path.GetTempPath());
        Assert.Equal(0, run.ExitCode);
        var keep = Path.Combine(_root, "keep");

        var rerun = Sacred("rerun", "1", "--keep", keep);

        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        var lines = rerun.Stdout.Split('\n');
        Assert.StartsWith("rerun of run 1 (samples/QuickStart/QuickStart.csproj, net10.0, ", lines[0], StringComparison.Ordinal);
        Assert.Contains("status: COMPLETED, as recorded", lines);
        Assert.Contains("config: equal", lines);
        Assert.Contains("result: equal", lines);
        Assert.Contains("metric training.loss: equal, 20 points step by step", lines);
        Assert.Contains("metric training.accuracy: equal, 1 point step by step", lines);
        Assert.Contains(lines, l => l.StartsWith("output: equal", StringComparison.Ordinal));
        Assert.Contains("reproduced", lines);

        using (var store = RunStore.Open(Store))
        {
            var recorded = store.GetRun(1)!;
            var again = store.GetRun(2)!;
            Assert.Equal("1", again.Meta.RerunOf);
            Assert.Equal(recorded.Config, again.Config);
            Assert.Equal(recorded.Summary.Result, again.Summary.Result);

            // The kept folder holds the recorded sources, not the working tree's, as a normal project.
            var program = recorded.Experiment.Sources.Single(s => s.Path == "Program.cs");
            Assert.Equal(store.ReadText(program.Hash), File.ReadAllText(Path.Combine(keep, "samples", "QuickStart", "Program.cs")));
            Assert.True(File.Exists(Path.Combine(keep, "global.json")));
            Assert.True(File.Exists(Path.Combine(keep, "Sacred.Runtime", "Sacred.Runtime.csproj")));
        }

        var changed = Sacred("rerun", "1", "with", "learning_rate=0.5");

        Assert.True(changed.ExitCode == 3, changed.Stdout + changed.Stderr);
        Assert.Contains("config: differs at learning_rate: ", changed.Stdout);
        Assert.Matches(@"\nmetric training\.loss: diverges at step \d+: \S+ recorded, \S+ now\n", changed.Stdout);
        Assert.EndsWith("diverged\n", changed.Stdout, StringComparison.Ordinal);
    }

    private ProcessOutcome Sacred(params string[] args) =>
        Processes.Run("dotnet", [Processes.SacredToolDll(), .. args, "--store", Store], Path.GetTempPath(), TimeSpan.FromMinutes(8));
}
