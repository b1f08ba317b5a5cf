using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Tests.Processes;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Mongo.Tests.Live;

/// <summary>
/// The queue across machines against a real server (<c>SACRED_TEST_MONGO</c>): runs queued with <c>-m</c>, four worker
/// processes with <c>worker -m</c>, one of them killed with <c>kill -9</c> mid-run.
/// </summary>
public sealed class MongoQueueLiveTests
{
    [LiveMongoFact]
    public void Four_workers_run_forty_runs_queued_in_MongoDB_each_once_and_a_killed_workers_run_is_finished_by_another()
    {
        using var live = new LiveDatabase();
        var points = Enumerable.Range(1, 40).ToList();
        var sweep = Programs.Probe(null, "sweep", "with", "points=" + string.Join(",", points), "sleep_ms=300", "-m", live.Address, "--store", Programs.TempDirectory());
        Assert.True(sweep.ExitCode == 0, sweep.Stderr);
        Assert.Equal(40, live["runs"].CountDocuments(new BsonDocument("status", "QUEUED")));

        var stores = Enumerable.Range(0, 4).Select(_ => Programs.TempDirectory()).ToList();
        var workers = stores.Select(store => Programs.StartProbe("worker", "-m", live.Address, "--store", store, "--exit-when-empty", "--lease", "3s", "--poll", "0.2s")).ToList();
        var output = workers.Select(w => (Out: w.StandardOutput.ReadToEndAsync(), Error: w.StandardError.ReadToEndAsync())).ToList();
        var victim = workers[0];
        var held = new BsonDocument { { "status", "RUNNING" }, { "worker", new BsonRegularExpression("^[^:]+:" + victim.Id.ToString(CultureInfo.InvariantCulture) + ":") } };
        var waited = Stopwatch.StartNew();
        BsonDocument? killedRun = null;
        while (killedRun is null && waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            killedRun = live["runs"].Find(held).FirstOrDefault();
            Thread.Sleep(50);
        }

        Assert.NotNull(killedRun);
        victim.Kill();
        foreach (var (worker, i) in workers.Select((w, i) => (w, i)).Skip(1))
        {
            Assert.True(worker.WaitForExit(TimeSpan.FromMinutes(3)), "worker did not exit");
            Assert.True(worker.ExitCode == 0, output[i].Error.Result);
        }

        var runs = live["runs"].Find(new BsonDocument()).ToList();
        Assert.Equal(40, runs.Count);
        Assert.All(runs, run => Assert.Equal("COMPLETED", run["status"].AsString));
        Assert.Equal(points, runs.Select(r => (int)r["config"]["points"].ToInt64()).Order());
        var finished = runs.Single(r => r["_id"] == killedRun!["_id"]);
        Assert.Equal(2, finished["attempts"].AsInt32);
        Assert.DoesNotMatch("^[^:]+:" + victim.Id.ToString(CultureInfo.InvariantCulture) + ":", finished["worker"].AsString);
        Assert.All(runs.Where(r => r["_id"] != killedRun!["_id"]), run => Assert.Equal(1, run["attempts"].AsInt32));
        foreach (var run in runs)
        {
            // Every point of the attempt that completed the run, none of a dead attempt's.
            var loss = live["metrics"].Find(new BsonDocument { { "run_id", run["_id"] }, { "name", "training.loss" } }).ToList();
            Assert.Equal(run["config"]["points"].ToInt64(), loss.Sum(m => m["values"].AsBsonArray.Count));
        }

        // A worker that claimed nothing (the others were quicker) made no store.
        var completedHere = stores.Where(store => File.Exists(Path.Combine(store, "runs.db"))).Sum(store =>
        {
            using var local = RunStore.Open(store);
            return local.ListRuns(new RunQuery()).Runs.Count(r => r.Status == "COMPLETED");
        });
        Assert.Equal(40, completedHere);
    }
}
