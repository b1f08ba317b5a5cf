using System;
using System.Linq;
using MongoDB.Bson;
using Sacred.Metrics;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Queue;
using Sacred.Mongo.Recording;
using Sacred.Mongo.Tests.Documents;
using Sacred.Queue;
using Sacred.Recording;
using Xunit;

namespace Sacred.Mongo.Tests.Queue;

/// <summary>
/// A run claimed from the MongoDB queue is recorded into its queued document (the same <c>_id</c>, no second
/// document), and a worker whose claim was taken away writes nothing more into it. The writes go to documents in
/// memory, applied as a server would apply them (conditions included).
/// </summary>
public sealed class ClaimedRunRecordingTests
{
    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_queued_document_carries_its_builds_hash_and_a_claim_reads_back_options_config_and_seed()
    {
        var database = ReferenceRuns.Record("queued");
        var queued = database["runs"].Single();
        var start = ReferenceRuns.Started("completed", queue: true);

        Assert.Equal(
            MongoQueueDocuments.ClaimFilter(new QueueFilter("reference", start.Experiment.Sources))["experiment.sources_hash"],
            queued["experiment"]["sources_hash"]);
        InMemoryCollections.Update(queued, MongoQueueDocuments.ClaimUpdate("w1", DateTime.UtcNow, s_lease));
        var claim = MongoRunQueue.Claim(queued);

        Assert.Equal("1", claim.RunId);
        Assert.Equal(1, claim.Attempt);
        Assert.Equal(queued["config"]["seed"].ToInt32(), claim.Seed);
        Assert.Equal(0.2, claim.Config.Get("learning_rate")!.FloatValue);
        Assert.Equal("completed", claim.Options.Get("COMMAND")!.StringValue);
        Assert.Equal("reference run", claim.Options.Get("--comment")!.StringValue);
    }

    [Fact]
    public void A_claimed_run_is_recorded_into_its_queued_document_and_keeps_its_queue_time_worker_and_attempts()
    {
        var database = ReferenceRuns.Record("queued");
        var queued = database["runs"].Single();
        var queueTime = queued["meta"]["queue_time"];
        InMemoryCollections.Update(queued, MongoQueueDocuments.ClaimUpdate("w1", DateTime.UtcNow, s_lease));

        var session = new MongoRunSession(database, MongoTarget.Parse("sacred"));
        session.TakeOver(ReferenceRuns.Started("completed", queue: false), new BsonInt32(1), new RunClaimGuard("w1", s_lease));
        session.Heartbeat(Beat(3));
        session.End(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, ConfigNode.From(0.5), null));

        var run = Assert.Single(database["runs"]);
        Assert.Equal("COMPLETED", run["status"].AsString);
        Assert.Equal(0.5, run["result"].AsDouble);
        Assert.Equal(queueTime, run["meta"]["queue_time"]);
        Assert.Equal("reference run", run["meta"]["comment"].AsString);
        Assert.Equal("w1", run["worker"].AsString);
        Assert.Equal(1, run["attempts"].AsInt32);
        Assert.Equal(MongoRunRecord.Format, run["format"].AsString);
        Assert.True(run["lease_expires"].ToUniversalTime() > DateTime.UtcNow);
        Assert.Equal([1.0, 0.5, 1.0 / 3], Assert.Single(database["metrics"])["values"].AsBsonArray.Select(v => v.AsDouble));
        Assert.Equal(run["_id"], database["metrics"].Single()["run_id"]);
    }

    [Fact]
    public void A_worker_whose_run_was_requeued_and_claimed_again_writes_nothing_more_into_it()
    {
        var database = ReferenceRuns.Record("queued");
        var queued = database["runs"].Single();
        InMemoryCollections.Update(queued, MongoQueueDocuments.ClaimUpdate("w1", DateTime.UtcNow, s_lease));
        var stalled = new MongoRunSession(database, MongoTarget.Parse("sacred"));
        stalled.TakeOver(ReferenceRuns.Started("completed", queue: false), new BsonInt32(1), new RunClaimGuard("w1", s_lease));
        stalled.Heartbeat(Beat(2));

        // w1 stalls past its lease: the next claimer re-queues the run and w2 claims and starts it.
        InMemoryCollections.Update(queued, MongoQueueDocuments.RequeueUpdate());
        InMemoryCollections.Update(queued, MongoQueueDocuments.ClaimUpdate("w2", DateTime.UtcNow, s_lease));
        var second = new MongoRunSession(database, MongoTarget.Parse("sacred"));
        second.TakeOver(ReferenceRuns.Started("completed", queue: false), new BsonInt32(1), new RunClaimGuard("w2", s_lease));
        var afterTakeOver = database["runs"].Single().DeepClone();

        Assert.Empty(database["metrics"]);
        Assert.Throws<ClaimLostException>(() => stalled.Heartbeat(Beat(5)));
        Assert.Throws<ClaimLostException>(() => stalled.End(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, ConfigNode.From(9.0), null)));
        Assert.Empty(database["metrics"]);
        Assert.Equal(afterTakeOver, database["runs"].Single());

        second.Heartbeat(Beat(1));
        second.End(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, ConfigNode.From(1.0), null));
        var run = Assert.Single(database["runs"]);
        Assert.Equal(("COMPLETED", 1.0, "w2", 2), (run["status"].AsString, run["result"].AsDouble, run["worker"].AsString, run["attempts"].AsInt32));
        Assert.Equal([1.0], Assert.Single(database["metrics"])["values"].AsBsonArray.Select(v => v.AsDouble));
    }

    [Fact]
    public void A_takeover_of_a_run_no_longer_held_writes_nothing()
    {
        var database = ReferenceRuns.Record("queued");
        var before = database["runs"].Single().DeepClone();

        var session = new MongoRunSession(database, MongoTarget.Parse("sacred"));

        Assert.Throws<ClaimLostException>(() => session.TakeOver(ReferenceRuns.Started("completed", queue: false), new BsonInt32(1), new RunClaimGuard("w1", s_lease)));
        Assert.Equal(before, database["runs"].Single());
    }

    private static HeartbeatEvent Beat(int points)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var steps = Enumerable.Range(0, points).Select(i => (long)i).ToArray();
        var values = Enumerable.Range(0, points).Select(i => 1.0 / (i + 1)).ToArray();
        return new HeartbeatEvent(DateTime.UtcNow, new Sacred.Generated.ConfigObjectBuilder().Build(), null, "", [new MetricBatch("training.loss", steps, values, steps.Select(_ => now).ToArray())], IsFinal: false);
    }
}
