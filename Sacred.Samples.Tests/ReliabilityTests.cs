using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>
/// The recorder under real failures, with real processes and real SQLite files: kill -9, SIGINT, an exception,
/// 16 processes at once, an unusable store folder, a foreign database.
/// </summary>
public sealed class ReliabilityTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-reliability-" + Guid.NewGuid().ToString("N"));

    public ReliabilityTests() => Directory.CreateDirectory(_root);

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
    public void Kill_9_mid_run_leaves_a_probably_dead_run_with_the_points_of_the_last_flush()
    {
        using var process = Start("with", "steps=100000000", "samples=64", "--store", Store, "-b", "0.2");
        var id = WaitForPoints(minimum: 200);

        process.Kill(entireProcessTree: true);
        process.WaitForExit();

        using var store = RunStore.Open(Store);
        var run = store.GetRun(id)!;
        Assert.Equal("RUNNING", run.Summary.Status);
        var dead = store.ListRuns(new RunQuery { DeadAfter = TimeSpan.Zero, Statuses = new[] { EffectiveStatus.ProbablyDead } });
        Assert.Contains(dead.Runs, r => r.Id == id);
        var loss = run.Metrics.Single(m => m.Name == "training.loss");
        Assert.True(loss.Count >= 200);
        Assert.Equal(loss.Count - 1, loss.LastStep);
    }

    [Fact]
    public void Sigint_records_interrupted_with_every_point_and_the_output_to_the_end()
    {
        using var process = Start("with", "steps=100000000", "samples=64", "--store", Store, "-b", "0.2");
        var id = WaitForPoints(minimum: 100);

        Signal(process, "INT");
        Assert.True(process.WaitForExit(30_000), "the run did not stop after SIGINT");

        Assert.Equal(130, process.ExitCode);
        using var store = RunStore.Open(Store);
        var run = store.GetRun(id)!;
        Assert.Equal("INTERRUPTED", run.Summary.Status);
        var loss = run.Metrics.Single(m => m.Name == "training.loss");
        Assert.Equal(loss.Count - 1, loss.LastStep);
        var output = store.ReadOutput(id, 0, int.MaxValue)!.Text;
        Assert.Contains("Aborted after", output);
    }

    [Fact]
    public void Exception_records_failed_with_trace_and_output_to_the_end()
    {
        var outcome = Run("with", "samples=0", "--store", Store);

        Assert.Equal(1, outcome.ExitCode);
        using var store = RunStore.Open(Store);
        var summary = Assert.Single(store.ListRuns(new RunQuery()).Runs);
        var run = store.GetRun(summary.Id)!;
        Assert.Equal("FAILED", run.Summary.Status);
        Assert.Contains(run.FailTrace!, line => line.Contains("IndexOutOfRangeException", StringComparison.Ordinal));
        var output = store.ReadOutput(summary.Id, 0, int.MaxValue)!.Text;
        Assert.Contains("Failed after", output);
        Assert.Contains("IndexOutOfRangeException", output);
    }

    [Fact]
    public async Task Sixteen_processes_at_once_get_distinct_ids_and_keep_every_point()
    {
        var files = Path.Combine(_root, "files");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => Run("with", "steps=40", "samples=32", "seed=" + (i + 1), "--store", Store, "-F", files))));

        Assert.All(outcomes, o => Assert.Equal(0, o.ExitCode));
        using var store = RunStore.Open(Store);
        var runs = store.ListRuns(new RunQuery { Limit = 100 }).Runs;
        Assert.Equal(16, runs.Select(r => r.Id).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(40, store.GetRun(r.Id)!.Metrics.Single(m => m.Name == "training.loss").Count));
        var folders = Directory.GetDirectories(files).Select(Path.GetFileName).Where(n => n!.All(char.IsDigit)).ToList();
        Assert.Equal(16, folders.Distinct().Count());
        Assert.All(folders, f => Assert.Contains("\"training.loss\"", File.ReadAllText(Path.Combine(files, f!, "metrics.json"))));
    }

    [Fact]
    public void Unusable_store_folder_is_one_clear_error_before_the_run_starts()
    {
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "not a folder");

        var outcome = Run("with", "steps=5", "--store", Path.Combine(file, "store"));

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Path.Combine(file, "store"), line);
        Assert.DoesNotContain("Running command", outcome.Stderr);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void Foreign_database_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(Store);
        var database = Path.Combine(Store, "runs.db");
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(database, garbage);

        var outcome = Run("with", "steps=5", "--store", Store);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("runs.db", outcome.Stderr);
        Assert.Equal(garbage, File.ReadAllBytes(database));
    }

    private static ProcessOutcome Run(params string[] args) =>
        Processes.Run("dotnet", new[] { Processes.QuickStartDll() }.Concat(args).ToArray(), Path.GetTempPath(), TimeSpan.FromMinutes(2));

    private static Process Start(params string[] args)
    {
        // A test runner started in the background may pass SIGINT on as ignored; give the child the default back.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Processes.QuickStartDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls the store until the only run has flushed at least <paramref name="minimum"/> loss points.</summary>
    private long WaitForPoints(long minimum)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
            if (!File.Exists(Path.Combine(Store, "runs.db")))
            {
                continue;
            }

            using var store = RunStore.Open(Store);
            var run = store.ListRuns(new RunQuery()).Runs.FirstOrDefault();
            if (run is not null && store.GetRun(run.Id)!.Metrics.FirstOrDefault(m => m.Name == "training.loss") is { } loss && loss.Count >= minimum)
            {
                return run.Id;
            }
        }

        throw new TimeoutException("the run flushed too few points in time");
    }

    private static void Signal(Process process, string signal) =>
        Process.Start("kill", new[] { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })!.WaitForExit();
}
