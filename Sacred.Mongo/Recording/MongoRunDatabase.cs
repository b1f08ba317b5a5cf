using System;
using System.Collections.Generic;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Queue;

namespace Sacred.Mongo.Recording;

/// <summary>A run's database on a MongoDB server, through the official driver with <see cref="BsonDocument"/>s only (no class maps: AOT-safe).</summary>
internal sealed class MongoRunDatabase : IMongoRunDatabase
{
    private const int MaxIdAttempts = 1000;

    private readonly IMongoDatabase _database;
    private readonly MongoTarget _target;

    public MongoRunDatabase(IMongoDatabase database, MongoTarget target)
    {
        _database = database;
        _target = target;
    }

    /// <summary>
    /// Connects: at once fails with <see cref="MongoServerRefusedException"/> when no server can answer at all (refused,
    /// or a host name that does not resolve); otherwise lazily, the first operation waiting up to the server selection
    /// timeout.
    /// </summary>
    public static MongoRunDatabase Connect(MongoTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        MongoServerProbe.ThrowIfRefused(target);
        var client = new MongoClient(target.ClientSettings());
        return new MongoRunDatabase(client.GetDatabase(target.Database), target);
    }

    public IMongoDatabase Database => _database;

    public IMongoCollection<BsonDocument> Collection(string name) => _database.GetCollection<BsonDocument>(name);

    public ObjectId? FindFile(string fileName, string md5)
    {
        var filter = new BsonDocument { { "filename", fileName }, { "md5", md5 } };
        var found = Collection(GridFsFile.FilesCollection).Find(filter).Project(new BsonDocument("_id", 1)).Limit(1).FirstOrDefault();
        return found?["_id"].AsObjectId;
    }

    public BsonValue InsertRun(Func<BsonValue, BsonDocument> document, BsonValue? givenId)
    {
        var runs = Collection(_target.RunsCollection);
        for (var attempt = 0; attempt < MaxIdAttempts; attempt++)
        {
            var id = givenId ?? NextId(runs);
            try
            {
                runs.InsertOne(document(id));
                return id;
            }
            catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey && givenId is null)
            {
                // Another process (ours or Python Sacred) took this id between the read and the insert: read again.
            }
        }

        throw new InvalidOperationException($"MongoDB {_target}: no free run id after {MaxIdAttempts} attempts");
    }

    public void Write(IReadOnlyList<MongoWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var i = 0;
        while (i < writes.Count)
        {
            if (writes[i] is InsertOne first)
            {
                // Consecutive inserts into one collection (GridFS chunks, metric documents) go in one round trip.
                var batch = new List<BsonDocument> { first.Document };
                while (i + batch.Count < writes.Count && writes[i + batch.Count] is InsertOne next && next.Collection == first.Collection)
                {
                    batch.Add(next.Document);
                }

                Collection(first.Collection).InsertMany(batch);
                i += batch.Count;
            }
            else if (writes[i] is DeleteMany delete)
            {
                Collection(delete.Collection).DeleteMany(delete.Filter);
                i++;
            }
            else
            {
                var update = (UpdateOne)writes[i];
                var result = Collection(update.Collection).UpdateOne(update.Filter(), update.Update);
                if (update.Condition is not null && result.MatchedCount == 0)
                {
                    throw new ClaimLostException($"run {update.Id} is no longer held by this worker (its lease expired and another worker re-queued it)");
                }

                i++;
            }
        }
    }

    /// <summary>Sacred's next id: the largest numeric <c>_id</c> plus one (a custom string id is skipped, not added to).</summary>
    private static BsonValue NextId(IMongoCollection<BsonDocument> runs)
    {
        var filter = new BsonDocument("_id", new BsonDocument("$type", "number"));
        var last = runs.Find(filter).Sort(new BsonDocument("_id", -1)).Project(new BsonDocument("_id", 1)).Limit(1).FirstOrDefault();
        return last is null ? new BsonInt32(1) : BsonValues.Integer(last["_id"].ToInt64() + 1);
    }
}
