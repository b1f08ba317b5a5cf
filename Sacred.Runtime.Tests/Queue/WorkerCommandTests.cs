using System;
using System.Collections.Generic;
using System.IO;
using Sacred.Runtime.Tests.Fakes;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Runtime.Tests.Queue;

/// <summary><c>EXE worker</c> and <c>EXE sweep</c> through the host, in process, on a real store.</summary>
public sealed class WorkerCommandTests
{
    [Fact]
    public void A_worker_runs_a_queued_run_with_its_named_configs_updates_and_seed_under_its_id()
    {
        using var temp = new TempFiles();
        var experiment = new FakeExperiment();
        var seen = new List<(double LearningRate, int BatchSize, int Seed)>();
        experiment.Handlers["train"] = (state, run) =>
        {
            seen.Add((state.LearningRate, state.BatchSize, state.Seed));
            return ConfigNode.From(1);
        };
        Assert.Equal(0, HostRun.Of(experiment, "-q", "with", "fast", "learning_rate=0.5", "--store", temp.Directory).ExitCode);
        long seed;
        using (var store = RunStore.Open(temp.Directory))
        {
            seed = store.GetRun(1)!.Summary.Seed;
        }

        var worker = HostRun.Of(experiment, "worker", "--store", temp.Directory, "--exit-when-empty");

        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("claimed run 1 (attempt 1)", worker.Error, StringComparison.Ordinal);
        Assert.Contains("Started run with ID \"1\"", worker.Error, StringComparison.Ordinal);
        var ran = Assert.Single(seen);
        Assert.Equal(0.5, ran.LearningRate);
        Assert.Equal(seed, ran.Seed);
        using var after = RunStore.Open(temp.Directory);
        var run = after.GetRun(1)!;
        Assert.Equal("COMPLETED", run.Summary.Status);
        Assert.Equal(["fast"], run.Meta.NamedConfigs);
        Assert.Equal(1, after.ListRuns(new RunQuery()).TotalCount);
    }

    [Fact]
    public void Worker_errors_are_one_line_and_exit_non_zero()
    {
        var experiment = new FakeExperiment();

        var late = HostRun.Of(experiment, "--store", "somewhere", "worker");
        var mongo = HostRun.Of(experiment, "worker", "-m", "mongodb://db:27017/sacred");

        Assert.Equal((2, "error: 'worker' must come first, before any option: mnist-app worker [--store DIR] [--lease 60s] [--exit-when-empty] [--any-build] [--max-attempts 3] [--poll 2s]\n"), (late.ExitCode, late.Error));
        Assert.Equal(1, mongo.ExitCode);
        Assert.StartsWith("error: -m/--mongo_db 'mongodb://db:27017/sacred': recording to MongoDB needs the Sacred.Mongo package", mongo.Error, StringComparison.Ordinal);
        Assert.Single(mongo.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("--exit-when-empty", HostRun.Of(experiment, "worker", "--help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_whose_update_file_changed_since_it_was_queued_is_failed_not_run_with_another_config()
    {
        using var temp = new TempFiles();
        var file = Path.Combine(temp.Directory, "lr.json");
        File.WriteAllText(file, """{"learning_rate": 0.25}""");
        var experiment = new FakeExperiment();
        var ran = false;
        experiment.Handlers["train"] = (state, run) => { ran = true; return null; };
        var store = Path.Combine(temp.Directory, "store");
        Assert.Equal(0, HostRun.Of(experiment, "-q", "with", file, "--store", store).ExitCode);
        File.WriteAllText(file, """{"learning_rate": 0.75}""");

        var worker = HostRun.Of(experiment, "worker", "--store", store, "--exit-when-empty");

        Assert.Equal(0, worker.ExitCode);
        Assert.False(ran);
        Assert.Contains("error: run 1: the config built now differs from the queued one at learning_rate", worker.Error, StringComparison.Ordinal);
        using var reader = RunStore.Open(store);
        var run = reader.GetRun(1)!;
        Assert.Equal("FAILED", run.Summary.Status);
        Assert.StartsWith("the config built now differs from the queued one at learning_rate", Assert.Single(run.FailTrace!), StringComparison.Ordinal);
    }
}
