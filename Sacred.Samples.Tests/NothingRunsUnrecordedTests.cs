using System;
using System.IO;
using System.Linq;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>
/// A run that an observer cannot record does not execute: one line saying why, exit 1, main never called, and
/// nothing written or changed in any store; real processes.
/// </summary>
public sealed class NothingRunsUnrecordedTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-unrecorded-" + Guid.NewGuid().ToString("N"));

    public NothingRunsUnrecordedTests() => Directory.CreateDirectory(_root);

    private string Store => Path.Combine(_root, "store");

    private string Files => Path.Combine(_root, "files");

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
    public void A_taken_run_id_stops_the_second_run_before_main_and_leaves_the_first_untouched()
    {
        var first = Run("with", "steps=20", "samples=32", "-i", "42", "--store", Store, "-F", Files);
        Assert.Equal(0, first.ExitCode);
        var before = Snapshot(42);
        var folderBefore = FolderSnapshot("42");

        var second = Run("with", "steps=20", "samples=32", "seed=5", "-i", "42", "--store", Store, "-F", Files);

        Assert.Equal(1, second.ExitCode);
        var line = Assert.Single(second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("42", line);
        Assert.Contains("taken", line);
        Assert.DoesNotContain("training accuracy", second.Stdout);
        Assert.Equal(before, Snapshot(42));
        Assert.Equal(folderBefore, FolderSnapshot("42"));
        using var store = RunStore.Open(Store);
        Assert.Single(store.ListRuns(new RunQuery()).Runs);
    }

    [Fact]
    public void When_the_second_observer_cannot_start_the_first_keeps_no_record_and_nothing_runs()
    {
        // The store gives id 1; the FileStorage folder already has a run 1, so -F cannot take it.
        Directory.CreateDirectory(Path.Combine(Files, "1"));
        File.WriteAllText(Path.Combine(Files, "1", "run.json"), "{}");

        var outcome = Run("with", "steps=20", "samples=32", "--store", Store, "-F", Files);

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Path.Combine(Files, "1"), line);
        Assert.DoesNotContain("training accuracy", outcome.Stdout);
        using var store = RunStore.Open(Store);
        Assert.Empty(store.ListRuns(new RunQuery()).Runs);
        Assert.Equal("{}", File.ReadAllText(Path.Combine(Files, "1", "run.json")));
        Assert.Equal(["1"], Directory.GetDirectories(Files).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void When_the_first_observer_cannot_start_the_second_is_never_started()
    {
        // Run 42 is taken in the store (priority 50), free in the FileStorage folder (20).
        Assert.Equal(0, Run("with", "steps=5", "samples=32", "-i", "42", "--store", Store).ExitCode);

        var outcome = Run("with", "steps=5", "samples=32", "-i", "42", "--store", Store, "-F", Files);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(Files, "42")));
    }

    [Fact]
    public void Unobserved_runs_still_run()
    {
        var outcome = Run("with", "steps=5", "samples=32", "-u", "--store", Store);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("training accuracy", outcome.Stdout);
    }

    private string Snapshot(long id)
    {
        using var store = RunStore.Open(Store);
        var run = store.GetRun(id)!;
        var loss = run.Metrics.Single(m => m.Name == "training.loss");
        return $"{run.Summary.Status} {run.Summary.StartTime:O} {run.Summary.StopTime:O} {loss.Count} {loss.Last} {store.ReadOutput(id, 0, int.MaxValue)!.Text}";
    }

    private string FolderSnapshot(string id) =>
        string.Join("\n", Directory.GetFiles(Path.Combine(Files, id)).Order(StringComparer.Ordinal).Select(f => f + ":" + File.ReadAllText(f)));

    private ProcessOutcome Run(params string[] args) =>
        Processes.Run("dotnet", [Processes.QuickStartDll(), .. args], _root, TimeSpan.FromMinutes(2));
}
