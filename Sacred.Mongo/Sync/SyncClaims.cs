using System;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Sacred.Mongo.Sync;

/// <summary>
/// MongoDB's side of "exactly once": the <c>sacred_sync</c> collection, one document per stored run keyed by the
/// store's uuid and the run's local id (<c>_id</c> is unique, so only one uploader can insert it). A document is
/// <c>live</c> while a run records itself, <c>uploading</c> while <c>sacred sync</c> uploads it (a claim that expires
/// after <see cref="Lease"/>, so a killed uploader does not block the run forever), and <c>done</c> with the run's
/// <c>_id</c> once it is complete.
/// </summary>
internal sealed class SyncClaims
{
    /// <summary>How long an upload may hold its claim before another may take the run over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private readonly IMongoCollection<BsonDocument> _collection;

    public SyncClaims(IMongoDatabase database, MongoTarget target)
    {
        _collection = database.GetCollection<BsonDocument>(CollectionOf(target));
    }

    /// <summary>How a claim went.</summary>
    public enum Outcome
    {
        /// <summary>This process uploads the run; <see cref="Claim.RunId"/> is the <c>_id</c> of a partial upload to replace, if any.</summary>
        Claimed,

        /// <summary>The run is complete in MongoDB under <see cref="Claim.RunId"/>.</summary>
        Done,

        /// <summary>Another process is uploading it right now.</summary>
        Busy,
    }

    /// <summary>The collection name: <c>sacred_sync</c>, or <c>&lt;prefix&gt;_sacred_sync</c>.</summary>
    public static string CollectionOf(MongoTarget target) => target.RunsCollection[..^"runs".Length] + "sacred_sync";

    /// <summary>Claims a run for upload.</summary>
    /// <param name="key">The run's key.</param>
    /// <param name="takeOverLive">
    /// Whether a run another process recorded live may be taken over: only once that process is surely done with
    /// it (it may be writing its last event right after the embedded store recorded the end), or by that process itself.
    /// </param>
    public Claim TryClaim(string key, bool takeOverLive)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = DateTime.UtcNow;
            var existing = _collection.Find(new BsonDocument("_id", key)).FirstOrDefault();
            if (existing is null)
            {
                try
                {
                    _collection.InsertOne(new BsonDocument { { "_id", key }, { "state", "uploading" }, { "claimed", now }, { "host", Environment.MachineName } });
                    return new Claim(Outcome.Claimed, null);
                }
                catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey)
                {
                    continue;
                }
            }

            var runId = existing.GetValue("run_id", BsonNull.Value);
            var state = existing.GetValue("state", "").AsString;
            if (state == "done")
            {
                return new Claim(Outcome.Done, runId);
            }

            var claimed = existing.GetValue("claimed", BsonNull.Value);
            if ((state == "uploading" && claimed.IsValidDateTime && claimed.ToUniversalTime() > now - Lease) || (state == "live" && !takeOverLive))
            {
                return new Claim(Outcome.Busy, runId);
            }

            // A run recorded live whose process lost the server, or an upload whose process died: take it over.
            var filter = new BsonDocument { { "_id", key }, { "state", state }, { "claimed", claimed } };
            var update = new BsonDocument("$set", new BsonDocument { { "state", "uploading" }, { "claimed", now }, { "host", Environment.MachineName } });
            if (_collection.UpdateOne(filter, update).ModifiedCount == 1)
            {
                return new Claim(Outcome.Claimed, runId.IsBsonNull ? null : runId);
            }
        }

        return new Claim(Outcome.Busy, null);
    }

    /// <summary>A run records itself live under <paramref name="runId"/>.</summary>
    public void Live(string key, BsonValue runId) =>
        _collection.ReplaceOne(
            new BsonDocument("_id", key),
            new BsonDocument { { "_id", key }, { "state", "live" }, { "claimed", DateTime.UtcNow }, { "run_id", runId }, { "host", Environment.MachineName } },
            new ReplaceOptions { IsUpsert = true });

    /// <summary>The upload inserted the run document under <paramref name="runId"/> (so a takeover replaces it, not duplicates it).</summary>
    public void Uploading(string key, BsonValue runId) =>
        _collection.UpdateOne(new BsonDocument("_id", key), new BsonDocument("$set", new BsonDocument("run_id", runId)));

    /// <summary>The run is complete in MongoDB.</summary>
    public void Done(string key, BsonValue runId) =>
        _collection.UpdateOne(
            new BsonDocument("_id", key),
            new BsonDocument("$set", new BsonDocument { { "state", "done" }, { "run_id", runId }, { "claimed", DateTime.UtcNow } }));

    /// <summary>The result of <see cref="TryClaim"/>.</summary>
    /// <param name="Result">Claimed, done or busy.</param>
    /// <param name="RunId">The run's <c>_id</c> in MongoDB, when it has one.</param>
    public sealed record Claim(Outcome Result, BsonValue? RunId);
}
