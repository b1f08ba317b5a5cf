using System;
using MongoDB.Bson;
using Sacred.Generated;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Queue;
using Sacred.Queue;
using Xunit;

namespace Sacred.Mongo.Tests.Queue;

/// <summary>
/// The MongoDB queue's claim, renewal, re-queue and failure, document for document as they go to the server (none
/// can be installed here; the live tests send them to a real one when <c>SACRED_TEST_MONGO</c> is set).
/// </summary>
public sealed class MongoQueueDocumentsTests
{
    private static readonly DateTime s_now = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private static readonly SourceFileInfo[] s_sources = [new("B/C.cs", "92eb5ffee6ae2fec3ad71c777531578f", "b"), new("A.cs", "0cc175b9c0f1b6a831c399e269772661", "a")];

    // SHA-256 of "A.cs\x1f0cc175b9c0f1b6a831c399e269772661\x1eB/C.cs\x1f92eb5ffee6ae2fec3ad71c777531578f", computed with Python's hashlib.
    private const string Hash = "65b2de23bc11036df7bd499292c0ebcc735334cea8ba8ed39206660f8d10ccbf";

    [Fact]
    public void The_sources_hash_is_sha256_of_the_sorted_paths_and_md5s()
    {
        Assert.Equal(Hash, SourcesHash.Of(s_sources));
        Assert.Equal(Hash, SourcesHash.Of([s_sources[1], s_sources[0]]));
        Assert.NotEqual(Hash, SourcesHash.Of([s_sources[1], s_sources[0] with { Md5 = "92eb5ffee6ae2fec3ad71c777531578e" }]));
    }

    [Fact]
    public void A_claim_matches_queued_runs_of_the_experiment_and_build_highest_priority_then_oldest_first()
    {
        Assert.Equal(
            Parse($$"""{ "status": "QUEUED", "experiment.name": "mnist", "experiment.sources_hash": "{{Hash}}" }"""),
            MongoQueueDocuments.ClaimFilter(new QueueFilter("mnist", s_sources)));
        Assert.Equal(
            Parse($$"""
                { "status": "QUEUED",
                  "$or": [ { "experiment.name": "mnist" },
                           { "meta.options.--name": { "$type": "string" }, "experiment.mainfile": "Mnist.cs" } ],
                  "experiment.sources_hash": "{{Hash}}" }
                """),
            MongoQueueDocuments.ClaimFilter(new QueueFilter("mnist", s_sources, "Mnist.cs")));
        Assert.Equal(
            Parse("""{ "status": "QUEUED", "experiment.name": "mnist" }"""),
            MongoQueueDocuments.ClaimFilter(new QueueFilter("mnist", null)));
        Assert.Equal(Parse("""{ "meta.priority": -1, "meta.queue_time": 1, "_id": 1 }"""), MongoQueueDocuments.ClaimSort());
        Assert.Equal(
            Parse("""
                { "$set": { "status": "RUNNING", "worker": "h:1:ab", "lease_expires": { "$date": "2026-01-02T03:05:05Z" },
                            "start_time": { "$date": "2026-01-02T03:04:05Z" }, "heartbeat": { "$date": "2026-01-02T03:04:05Z" } },
                  "$inc": { "attempts": 1 } }
                """),
            MongoQueueDocuments.ClaimUpdate("h:1:ab", s_now, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void A_renewal_and_every_guarded_write_match_the_run_only_while_this_worker_holds_it()
    {
        Assert.Equal(Parse("""{ "_id": 7, "worker": "h:1:ab" }"""), MongoQueueDocuments.HeldBy(7, "h:1:ab"));
        Assert.Equal(
            Parse("""{ "$set": { "lease_expires": { "$date": "2026-01-02T03:04:35Z" } } }"""),
            MongoQueueDocuments.RenewUpdate(s_now, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void An_expired_lease_is_queued_again_without_the_dead_attempts_fields_or_failed_after_the_last_attempt()
    {
        Assert.Equal(
            Parse("""{ "status": "RUNNING", "lease_expires": { "$lt": { "$date": "2026-01-02T03:04:05Z" } }, "attempts": { "$lt": 3 } }"""),
            MongoQueueDocuments.ExpiredFilter(s_now, 3, exhausted: false));
        Assert.Equal(
            Parse("""{ "status": "RUNNING", "lease_expires": { "$lt": { "$date": "2026-01-02T03:04:05Z" } }, "attempts": { "$gte": 3 } }"""),
            MongoQueueDocuments.ExpiredFilter(s_now, 3, exhausted: true));
        Assert.Equal(
            Parse("""
                { "$set": { "status": "QUEUED" },
                  "$unset": { "worker": "", "lease_expires": "", "start_time": "", "heartbeat": "", "stop_time": "", "result": "",
                              "fail_trace": "", "captured_out": "", "info": "", "artifacts": "", "resources": "", "format": "" } }
                """),
            MongoQueueDocuments.RequeueUpdate());
        Assert.Equal(
            Parse("""
                { "$set": { "status": "FAILED", "stop_time": { "$date": "2026-01-02T03:04:05Z" },
                            "fail_trace": ["its worker stopped renewing its lease (it was killed or lost the server) on attempt 3 of 3, so the run is not queued again\n"] },
                  "$unset": { "lease_expires": "" } }
                """),
            MongoQueueDocuments.FailUpdate(s_now, MongoQueueDocuments.ExhaustedReason(3)));
    }

    [Fact]
    public void A_worker_waits_while_a_run_it_may_claim_is_queued_or_a_run_of_its_experiment_is_held()
    {
        Assert.Equal(
            Parse($$"""
                { "$or": [ { "status": "RUNNING", "experiment.name": "mnist", "lease_expires": { "$exists": true } },
                           { "status": "QUEUED", "experiment.name": "mnist", "experiment.sources_hash": "{{Hash}}" } ] }
                """),
            MongoQueueDocuments.UnfinishedFilter(new QueueFilter("mnist", s_sources)));
    }

    [Fact]
    public void Run_ids_go_to_text_and_back_as_Sacred_allocates_them()
    {
        Assert.Equal("12", MongoRunIds.Format(new BsonInt32(12)));
        Assert.Equal("12", MongoRunIds.Format(new BsonInt64(12)));
        Assert.Equal("exp-a", MongoRunIds.Format("exp-a"));
        Assert.Equal(new BsonInt32(12), MongoRunIds.Parse("12"));
        Assert.Equal(new BsonString("exp-a"), MongoRunIds.Parse("exp-a"));
    }

    private static BsonDocument Parse(string json) => BsonDocument.Parse(json);
}
