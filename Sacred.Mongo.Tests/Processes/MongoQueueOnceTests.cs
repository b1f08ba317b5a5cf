using System;
using System.Linq;
using MongoDB.Bson;
using Sacred.Mongo.Tests.Wire;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>
/// A run queued with <c>-q -m</c> waits in one queue, MongoDB's: the embedded store keeps no copy that a worker of
/// this machine would run beside a <c>worker -m</c>; <c>sacred queue -m</c> lists it, and the MongoDB worker runs it
/// once, in its queued document. Real processes, through the real driver, against <see cref="FakeMongoServer"/>.
/// </summary>
public sealed class MongoQueueOnceTests
{
    [Fact]
    public void A_run_queued_with_q_m_waits_in_MongoDB_only_is_listed_there_and_runs_once()
    {
        using var server = new FakeMongoServer();
        var store = Programs.TempDirectory();

        var queued = Programs.Probe(null, "-q", "with", "points=5", "-P", "3", "-m", server.Url("lab"), "--store", store);

        Assert.True(queued.ExitCode == 0, queued.Stderr);
        Assert.Contains("Queued-up run with ID \"1\"", queued.Stderr, StringComparison.Ordinal);
        Assert.Equal("QUEUED", Assert.Single(server.Documents("lab", "runs"))["status"].AsString);
        using (var runs = RunStore.Open(store))
        {
            Assert.Equal(0, runs.ListRuns(new RunQuery()).TotalCount);
        }

        var listed = Programs.Sacred("queue", "-m", server.Url("lab"));
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        var row = listed.Stdout.Split('\n').Single(l => l.Contains("mongoprobe", StringComparison.Ordinal));
        Assert.Contains("points=5", row, StringComparison.Ordinal);
        Assert.Contains("1 queued runs in MongoDB 127.0.0.1:", listed.Stdout, StringComparison.Ordinal);

        var local = Programs.Probe(null, "worker", "--store", store, "--exit-when-empty");
        var remote = Programs.Probe(null, "worker", "-m", server.Url("lab"), "--store", store, "--exit-when-empty");

        Assert.True(local.ExitCode == 0, local.Stderr);
        Assert.True(remote.ExitCode == 0, remote.Stderr);
        var run = Assert.Single(server.Documents("lab", "runs"));
        Assert.Equal(new BsonInt32(1), run["_id"]);
        Assert.Equal("COMPLETED", run["status"].AsString);
        Assert.Equal(1, run["attempts"].ToInt32());
        Assert.Equal(5, run["config"]["points"].ToInt64());
        using (var runs = RunStore.Open(store))
        {
            // The worker's own record of the attempt, and no second run from the local worker.
            var only = Assert.Single(runs.ListRuns(new RunQuery()).Runs);
            Assert.Equal("COMPLETED", only.Status);
        }
    }
}
