using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>
/// The queue with real worker processes on one embedded store: every queued run is executed exactly once and none is
/// lost, also when a worker is killed with kill -9 in the middle of a run (its lease expires and another worker
/// finishes it). Sweeps queue grids and random draws.
/// </summary>
public sealed partial class QueueTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-queue-" + Guid.NewGuid().ToString("N"));

    public QueueTests() => Directory.CreateDirectory(_root);

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
    public void Four_workers_run_forty_queued_runs_each_exactly_once()
    {
        var points = string.Join(',', Enumerable.Range(1, 40));
        var sweep = Probe("sweep", "with", $"points={points}", "--store", Store);
        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        Assert.Equal(40, QueuedIds(sweep.Stderr).Count);

        var workers = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => Probe(TimeSpan.FromMinutes(5), "worker", "--store", Store, "--exit-when-empty", "--lease", "5s", "--poll", "0.2")))
            .ToList();
        var outcomes = workers.Select(w => w.Result).ToList();

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.Stderr));
        var claims = outcomes.SelectMany(o => ClaimedRun().Matches(o.Stderr).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), claims.Order());
        Assert.True(outcomes.Count(o => ClaimedRun().IsMatch(o.Stderr)) >= 2, "the runs were not shared among the workers");

        using var store = RunStore.Open(Store);
        for (var id = 1L; id <= 40; id++)
        {
            var run = store.GetRun(id)!;
            var expected = run.Config.Get("points")!.IntegerValue;
            Assert.Equal("COMPLETED", run.Summary.Status);
            Assert.Equal(expected, run.Summary.Result!.IntegerValue);
            Assert.Equal(expected, run.Metrics.Single(m => m.Name == "loss").Count);
            Assert.NotNull(run.Summary.QueueTime);
            var output = store.ReadOutput(id, 0, int.MaxValue)!.Text;
            Assert.Single(Regex.Matches(output, $"Started run with ID \"{id}\""));
        }

        Assert.Equal(40, store.ListRuns(new RunQuery()).TotalCount);
        Assert.All(Attempts(), a => Assert.Equal(1, a.Attempts));
    }

    [Fact]
    public void A_run_whose_worker_is_killed_is_finished_by_another_after_the_lease_expires()
    {
        var queued = Probe("hold", "with", "points=7", "hold_seconds=6", "-q", "--store", Store);
        Assert.True(queued.ExitCode == 0, queued.Stderr);

        using var first = StartWorker("--lease", "2s");
        WaitUntil(() => Attempts().Single() is { Status: "RUNNING" } run && run.Worker.Contains($":{first.Id}:", StringComparison.Ordinal), "the first worker never claimed the run");
        first.Kill(entireProcessTree: true);
        first.WaitForExit();

        var second = Probe(TimeSpan.FromMinutes(2), "worker", "--store", Store, "--lease", "2s", "--poll", "0.2", "--exit-when-empty");

        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("Took back 1 run(s) whose worker stopped renewing its lease", second.Stderr, StringComparison.Ordinal);
        var finished = Attempts().Single();
        Assert.Equal("COMPLETED", finished.Status);
        Assert.Equal(2, finished.Attempts);
        Assert.DoesNotContain($":{first.Id}:", finished.Worker, StringComparison.Ordinal);
        using var store = RunStore.Open(Store);
        var run = store.GetRun(1)!;
        Assert.Equal(7, run.Summary.Result!.IntegerValue);
        Assert.Equal(7, run.Metrics.Single(m => m.Name == "loss").Count);
        var output = store.ReadOutput(1, 0, int.MaxValue)!.Text;
        Assert.Single(Regex.Matches(output, "Started run with ID \"1\""));
        Assert.Single(Regex.Matches(output, "held 7"));
    }

    [Fact]
    public void Sigterm_interrupts_the_workers_current_run_as_a_normal_run_and_it_claims_nothing_more()
    {
        var queued = Probe("sweep", "hold", "with", "points=4,5", "hold_seconds=120", "--store", Store);
        Assert.True(queued.ExitCode == 0, queued.Stderr);
        using var worker = StartWorker();
        WaitUntil(() => Attempts().Any(r => r.Status == "RUNNING"), "the worker never claimed a run");

        Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

        Assert.True(worker.WaitForExit(60_000), "the worker did not stop after SIGTERM");
        Assert.Equal(130, worker.ExitCode);
        Assert.Equal(["INTERRUPTED", "QUEUED"], Attempts().Select(r => r.Status));
    }

    [Fact]
    public void A_queued_run_records_what_sacred_records_and_the_worker_runs_it_with_that_config_and_seed()
    {
        var queued = Probe("hold", "with", "points=3", "hold_seconds=0", "-q", "-c", "later", "-P", "5", "--store", Store, "-F", Path.Combine(_root, "files"));
        Assert.True(queued.ExitCode == 0, queued.Stderr);
        RunDetail before;
        using (var store = RunStore.Open(Store))
        {
            before = store.GetRun(1)!;
        }

        Assert.Equal("QUEUED", before.Summary.Status);
        Assert.Equal("hold", before.Summary.Command);
        Assert.Equal(5.0, before.Meta.Priority);
        Assert.Equal("later", before.Meta.Comment);
        Assert.Equal(3, before.Config.Get("points")!.IntegerValue);
        Assert.Equal(before.Summary.Seed, before.Config.Get("seed")!.IntegerValue);
        Assert.NotEmpty(before.Experiment.Sources);
        var runJson = File.ReadAllText(Path.Combine(_root, "files", "1", "run.json"));
        Assert.Contains("\"status\": \"QUEUED\"", runJson, StringComparison.Ordinal);
        Assert.Contains("\"queue_time\"", runJson, StringComparison.Ordinal);

        var worker = Probe("worker", "--store", Store, "--exit-when-empty");

        Assert.True(worker.ExitCode == 0, worker.Stderr);
        using var after = RunStore.Open(Store);
        var run = after.GetRun(1)!;
        Assert.Equal("COMPLETED", run.Summary.Status);
        Assert.Equal(before.Config, run.Config);
        Assert.Equal(before.Summary.Seed, run.Summary.Seed);
        Assert.Equal(before.Summary.QueueTime, run.Summary.QueueTime);
        Assert.Equal("later", run.Summary.Comment);
        Assert.Equal(before.Modifications.Modified, run.Modifications.Modified);
        Assert.Contains("points", run.Modifications.Modified);

        // The -F folder it was queued with holds the run as it ran, in the queued run's directory: not left QUEUED.
        var ran = File.ReadAllText(Path.Combine(_root, "files", "1", "run.json"));
        Assert.Contains("\"status\": \"COMPLETED\"", ran, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "files", "1", "metrics.json")));
        Assert.Equal(["1", "_sources"], Directory.GetDirectories(Path.Combine(_root, "files")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "files", "1"), "*.cs"));
    }

    [Fact]
    public void A_run_queued_under_another_name_with_dash_n_is_claimed_and_keeps_its_name()
    {
        // -n records the run under NAME, as Sacred does, so a claim by the experiment's name alone never found it.
        var queued = Probe("-q", "-n", "renamed", "with", "points=2", "--store", Store);
        Assert.True(queued.ExitCode == 0, queued.Stderr);

        var worker = Probe("worker", "--store", Store, "--exit-when-empty");

        Assert.True(worker.ExitCode == 0, worker.Stderr);
        Assert.Contains("claimed run 1", worker.Stderr, StringComparison.Ordinal);
        using var store = RunStore.Open(Store);
        var run = store.GetRun(1)!;
        Assert.Equal("COMPLETED", run.Summary.Status);
        Assert.Equal("renamed", run.Summary.Experiment);
        Assert.Equal(1, store.ListRuns(new RunQuery()).TotalCount);
    }

    [Fact]
    public void A_claimed_run_whose_observer_cannot_be_made_fails_with_one_line_and_the_worker_goes_on()
    {
        // SACRED_MONGO asks every run for a MongoDB observer; this probe does not reference Sacred.Mongo, so the
        // claimed run cannot be recorded there: it fails as a direct run would, and the worker does not crash.
        var queued = Probe("-q", "with", "points=2", "--store", Store);
        Assert.True(queued.ExitCode == 0, queued.Stderr);

        var worker = Processes.Run(
            "dotnet", [Processes.RecorderProbeDll(), "worker", "--store", Store, "--exit-when-empty"], _root, TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["SACRED_MONGO"] = "mongodb://127.0.0.1:9/sacred" });

        Assert.DoesNotContain("Unhandled exception", worker.Stderr, StringComparison.Ordinal);
        Assert.Contains("needs the Sacred.Mongo package", worker.Stderr, StringComparison.Ordinal);
        var run = Attempts().Single();
        Assert.Equal("FAILED", run.Status);
    }

    [Fact]
    public void A_worker_claims_only_runs_of_its_own_build_unless_any_build()
    {
        var queued = Probe("-q", "with", "points=2", "--store", Store);
        Assert.True(queued.ExitCode == 0, queued.Stderr);
        using (var connection = Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE run_sources SET md5 = 'edited since' WHERE run_id = 1;";
            Assert.True(command.ExecuteNonQuery() > 0);
        }

        var strict = Probe("worker", "--store", Store, "--exit-when-empty");
        Assert.True(strict.ExitCode == 0, strict.Stderr);
        Assert.Equal("QUEUED", Attempts().Single().Status);

        var any = Probe("worker", "--store", Store, "--exit-when-empty", "--any-build");
        Assert.True(any.ExitCode == 0, any.Stderr);
        Assert.Equal("COMPLETED", Attempts().Single().Status);
    }

    [Fact]
    public void Sweep_queues_the_grid_and_random_draws_that_repeat_with_their_seed()
    {
        var grid = Probe("sweep", "hold", "with", "points=1,2", "hold_seconds=0,0.5", "--store", Store, "-c", "grid");
        Assert.True(grid.ExitCode == 0, grid.Stderr);
        using (var store = RunStore.Open(Store))
        {
            var runs = Enumerable.Range(1, 4).Select(i => store.GetRun(i)!).ToList();
            Assert.All(runs, r => Assert.Equal("QUEUED", r.Summary.Status));
            Assert.All(runs, r => Assert.Equal("hold", r.Summary.Command));
            Assert.All(runs, r => Assert.Equal("grid", r.Summary.Comment));
            Assert.Equal(
                ["1 0", "1 0.5", "2 0", "2 0.5"],
                runs.Select(r => $"{r.Config.Get("points")!.IntegerValue} {r.Config.Get("hold_seconds")!.FloatValue.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        }

        var first = Probe("sweep", "with", "points=int:1..4", "hold_seconds=log:0.001..0.1", "--random", "5", "--sweep-seed", "42", "--store", Path.Combine(_root, "a"));
        var again = Probe("sweep", "with", "points=int:1..4", "hold_seconds=log:0.001..0.1", "--random", "5", "--sweep-seed", "42", "--store", Path.Combine(_root, "b"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("Drawing 5 configs with --sweep-seed 42", first.Stderr, StringComparison.Ordinal);
        var drawn = Configs(Path.Combine(_root, "a"), 5);
        Assert.Equal(drawn, Configs(Path.Combine(_root, "b"), 5));
        Assert.All(drawn, c => Assert.InRange(c.Points, 1, 4));
        Assert.All(drawn, c => Assert.InRange(c.Hold, 0.001, 0.1));
        Assert.True(drawn.Distinct().Count() > 1);
    }

    [Fact]
    public void A_sweep_with_a_bad_value_queues_nothing()
    {
        var outcome = Probe("sweep", "with", "points=1,x", "--store", Store);

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("error: sweep: run 2 of 2 (points=x): ", outcome.Stderr, StringComparison.Ordinal);
        Assert.EndsWith("; nothing was queued\n", outcome.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Store, "runs.db")) && Attempts().Count > 0);
    }

    private static List<(long Points, double Hold)> Configs(string store, int count)
    {
        using var reader = RunStore.Open(store);
        return Enumerable.Range(1, count)
            .Select(i => reader.GetRun(i)!.Config)
            .Select(c => (c.Get("points")!.IntegerValue, c.Get("hold_seconds")!.FloatValue))
            .ToList();
    }

    private static List<long> QueuedIds(string stderr) =>
        Regex.Matches(stderr, "Queued-up run with ID \"([0-9]+)\"").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("claimed run ([0-9]+) ")]
    private static partial Regex ClaimedRun();

    private ProcessOutcome Probe(params string[] arguments) => Probe(TimeSpan.FromMinutes(2), arguments);

    private ProcessOutcome Probe(TimeSpan timeout, params string[] arguments) =>
        Processes.Run("dotnet", [Processes.RecorderProbeDll(), .. arguments], _root, timeout);

    private Process StartWorker(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _root };
        foreach (var argument in (string[])[Processes.RecorderProbeDll(), "worker", "--store", Store, "--poll", "0.2", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(Store, "runs.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private List<(long Id, string Status, string Worker, long Attempts)> Attempts()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status, coalesce(worker, ''), attempts FROM runs ORDER BY id;";
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string, string, long)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
        }

        return rows;
    }

    private static void WaitUntil(Func<bool> condition, string failure)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), failure);
            Thread.Sleep(50);
        }
    }
}
