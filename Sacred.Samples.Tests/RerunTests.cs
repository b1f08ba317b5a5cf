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

    [Fact]
    public void A_release_run_from_a_dirty_tree_reruns_from_its_record_in_release_although_the_tree_changed_since()
    {
        // A repository of its own (the files QuickStart builds from), committed, then edited without committing.
        var repository = Path.Combine(_root, "repo");
        CopyTrackedFiles(repository, "Directory.", "global.json", "NuGet.config", "build/", "Sacred.Runtime/", "Sacred.Generator/", "samples/QuickStart/");
        Git(repository, "init", "-q");
        Git(repository, "add", "-A");
        Git(repository, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "copy");
        var program = Path.Combine(repository, "samples", "QuickStart", "Program.cs");
        var dirtyText = File.ReadAllText(program) + "\n// an edit that was never committed\n";
        File.WriteAllText(program, dirtyText);

        var built = Processes.Run("dotnet", ["build", Path.Combine(repository, "samples", "QuickStart", "QuickStart.csproj"), "-c", "Release", "-nologo", "-v:q", "--disable-build-servers"], repository, TimeSpan.FromMinutes(8));
        Assert.True(built.ExitCode == 0, built.Stdout + built.Stderr);
        var dll = Path.Combine(repository, "samples", "QuickStart", "bin", "Release", "net10.0", "quickstart.dll");
        // An update file given by a relative path, from the folder the run starts in.
        var workingDirectory = Path.Combine(_root, "cwd");
        var tweak = Path.Combine(workingDirectory, "tweaks", "tweak.json");
        Directory.CreateDirectory(Path.GetDirectoryName(tweak)!);
        const string TweakText = "{ \"samples\": 32 }";
        File.WriteAllText(tweak, TweakText);
        var run = Processes.Run("dotnet", [dll, "with", "steps=10", "tweaks/tweak.json", "-c", "from a dirty tree", "-P", "3", "--force", "--store", Store], workingDirectory);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);

        // The working tree moves on: the experiment no longer even compiles there, and the update file says otherwise.
        File.WriteAllText(program, "this is not C#");
        File.WriteAllText(tweak, "{ \"samples\": 64 }");
        var keep = Path.Combine(_root, "keep");
        var rerun = Sacred("rerun", "1", "--keep", keep);

        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        Assert.StartsWith("rerun of run 1 (samples/QuickStart/QuickStart.csproj, net10.0, Release, ", rerun.Stdout, StringComparison.Ordinal);
        Assert.Contains("\nreproduced\n", rerun.Stdout);
        Assert.Equal(dirtyText, File.ReadAllText(Path.Combine(keep, "samples", "QuickStart", "Program.cs")));
        Assert.True(File.Exists(Path.Combine(keep, "samples", "QuickStart", "bin", "Release", "net10.0", "quickstart.dll")), "the rerun did not build in Release");
        using var store = RunStore.Open(Store);
        var recorded = store.GetRun(1)!;
        Assert.True(Assert.Single(recorded.Experiment.Repositories).Dirty);
        Assert.Equal("Release", recorded.Experiment.Build!.Configuration);
        var again = store.GetRun(2)!;
        Assert.Equal("Release", again.Experiment.Build!.Configuration);

        // The options that shape a run or its record are replayed as recorded.
        Assert.Equal("from a dirty tree", again.Meta.Comment);
        Assert.Equal(3.0, again.Meta.Priority);
        Assert.Equal(ConfigNode.From(true), again.Meta.Options.Get("--force"));
        Assert.Equal(ConfigNode.From(32), again.Config.Get("samples"));
        Assert.Equal(TweakText, File.ReadAllText(Path.Combine(keep, "rerun-working-directory", "tweaks", "tweak.json")));
    }

    private static void CopyTrackedFiles(string target, params string[] prefixes)
    {
        var root = Processes.RepositoryRoot();
        var listed = Processes.Run("git", ["-C", root, "ls-files"], root);
        Assert.Equal(0, listed.ExitCode);
        foreach (var path in listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (prefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)) && File.Exists(Path.Combine(root, path)))
            {
                var to = Path.Combine(target, path);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(Path.Combine(root, path), to);
            }
        }
    }

    private static void Git(string directory, params string[] args)
    {
        var outcome = Processes.Run("git", ["-C", directory, .. args], directory);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
    }

    private ProcessOutcome Sacred(params string[] args) =>
        Processes.Run("dotnet", [Processes.SacredToolDll(), .. args, "--store", Store], Path.GetTempPath(), TimeSpan.FromMinutes(8));
}
