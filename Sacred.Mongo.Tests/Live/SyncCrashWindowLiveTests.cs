using System;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Sync;
using Sacred.Mongo.Tests.Processes;
using Xunit;

namespace Sacred.Mongo.Tests.Live;

/// <summary>
/// <c>sacred sync</c> killed between inserting a run document and noting its id in <c>sacred_sync</c> (the window
/// that could upload a run twice), made deterministic: the test leaves exactly what such an uploader leaves, a claim
/// in <c>uploading</c> without a run id and a run document carrying the run's sync key, lets the claim expire, and
/// syncs again.
/// </summary>
public sealed class SyncCrashWindowLiveTests
{
    [LiveMongoFact]
    public void A_sync_killed_after_its_insert_is_replaced_by_the_next_not_uploaded_beside_it()
    {
        using var live = new LiveDatabase();
        var store = Programs.TempDirectory();
        Assert.Equal(0, Programs.Probe(null, "--store", store).ExitCode);
        var target = MongoTarget.Parse(live.Address);
        string key;
        using (var ledger = SyncLedger.Open(store))
        {
            key = ledger.Key(1);
        }

        Assert.Equal(SyncClaims.Outcome.Claimed, new SyncClaims(live.Database, target).TryClaim(key, takeOverLive: false).Result);
        live["runs"].InsertOne(new BsonDocument { { "_id", 1 }, { "status", "RUNNING" }, { SyncKeyedDatabase.Field, key } });
        live[SyncClaims.CollectionOf(target)].UpdateOne(
            new BsonDocument("_id", key), new BsonDocument("$set", new BsonDocument("claimed", DateTime.UtcNow - TimeSpan.FromHours(1))));

        var sync = Programs.Sacred("sync", "--store", store, "-m", live.Address);

        Assert.True(sync.ExitCode == 0, sync.Stderr);
        var copies = live["runs"].Find(new BsonDocument(SyncKeyedDatabase.Field, key)).ToList();
        var run = Assert.Single(copies);
        Assert.Equal("COMPLETED", run["status"].AsString);
        Assert.Equal(1, live["runs"].CountDocuments(new BsonDocument()));
    }
}
