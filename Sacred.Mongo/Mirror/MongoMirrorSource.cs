using System;
using System.Collections.Generic;
using System.IO;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Documents;

namespace Sacred.Mongo.Mirror;

/// <summary>
/// A MongoDB database as the mirror's source, through the official driver with <see cref="BsonDocument"/>s only
/// (AOT-safe). Change queries use only <c>_id</c>, <c>heartbeat</c>, <c>stop_time</c> and <c>status</c>, and read
/// stamps before whole documents, so a pass over an idle database moves a few bytes.
/// </summary>
internal sealed class MongoMirrorSource : IMirrorSource
{
    private const int BatchSize = 200;
    private static readonly BsonDocument s_stampFields = new() { { "_id", 1 }, { "status", 1 }, { "heartbeat", 1 }, { "stop_time", 1 } };

    private readonly IMongoDatabase _database;
    private readonly MongoTarget _target;
    private bool _answered;

    public MongoMirrorSource(MongoTarget target)
    {
        _target = target;
        _database = new MongoClient(target.ClientSettings()).GetDatabase(target.Database);
    }

    public string Description => "mongodb://" + string.Join(",", _target.Url.Servers) + "/" + _target.Database
        + (_target.RunsCollection == "runs" ? "" : " (" + _target.RunsCollection + ")");

    private IMongoCollection<BsonDocument> Runs() => _database.GetCollection<BsonDocument>(_target.RunsCollection);

    private IMongoCollection<BsonDocument> Collection(string name) => _database.GetCollection<BsonDocument>(name);

    public IReadOnlyList<RunStamp> Stamps(RunChange? change)
    {
        if (!_answered)
        {
            // Until the server first answers, one that refuses every connection is reported at once (a board started
            // at a stopped server says so without waiting the selection timeout).
            MongoServerProbe.ThrowIfRefused(_target);
        }

        var numeric = new BsonDocument("_id", new BsonDocument("$type", "number"));
        BsonDocument filter = numeric;
        if (change is not null)
        {
            var since = new BsonDateTime(change.Since);
            var any = new BsonArray
            {
                new BsonDocument("_id", new BsonDocument("$gt", change.AfterId)),
                new BsonDocument("heartbeat", new BsonDocument("$gte", since)),
                new BsonDocument("stop_time", new BsonDocument("$gte", since)),
            };
            if (change.Open.Count > 0)
            {
                any.Add(new BsonDocument("_id", new BsonDocument("$in", Ids(change.Open))));
            }

            filter = new BsonDocument("$and", new BsonArray { numeric, new BsonDocument("$or", any) });
        }

        var stamps = new List<RunStamp>();
        using var cursor = Runs().Find(filter).Project(s_stampFields).ToCursor();
        foreach (var document in cursor.ToEnumerable())
        {
            stamps.Add(new RunStamp(
                document["_id"].ToInt64(),
                document.GetValue("status", "").IsString ? document["status"].AsString : "",
                Millis(document.GetValue("heartbeat", BsonNull.Value)),
                Millis(document.GetValue("stop_time", BsonNull.Value))));
        }

        _answered = true;
        return stamps;
    }

    public IReadOnlyList<BsonDocument> Runs(IReadOnlyList<long> ids)
    {
        var documents = new List<BsonDocument>();
        for (var start = 0; start < ids.Count; start += BatchSize)
        {
            var batch = new List<long>();
            for (var i = start; i < Math.Min(ids.Count, start + BatchSize); i++)
            {
                batch.Add(ids[i]);
            }

            documents.AddRange(Runs().Find(new BsonDocument("_id", new BsonDocument("$in", Ids(batch)))).ToList());
        }

        return documents;
    }

    public IReadOnlyList<BsonDocument> Metrics(BsonValue runId, IReadOnlyDictionary<ObjectId, int> held)
    {
        var metrics = Collection(_target.MetricsCollection);
        if (held.Count == 0)
        {
            // A run imported whole: every document in one query.
            return metrics.Find(new BsonDocument("run_id", runId)).Sort(new BsonDocument("_id", 1)).ToList();
        }

        var sizes = metrics.Find(new BsonDocument("run_id", runId))
            .Project(new BsonDocument { { "_id", 1 }, { "name", 1 }, { "size", new BsonDocument("$size", new BsonDocument("$ifNull", new BsonArray { "$steps", new BsonArray() })) } })
            .Sort(new BsonDocument("_id", 1))
            .ToList();
        var documents = new List<BsonDocument>();
        foreach (var size in sizes)
        {
            var id = size["_id"].AsObjectId;
            var have = held.GetValueOrDefault(id);
            var total = size["size"].ToInt32();
            if (total <= have)
            {
                continue;
            }

            var slice = new BsonDocument("$slice", new BsonArray { have, total - have });
            var projection = new BsonDocument { { "name", 1 }, { "run_id", 1 }, { "steps", slice }, { "timestamps", slice }, { "values", slice } };
            if (metrics.Find(new BsonDocument("_id", id)).Project(projection).FirstOrDefault() is { } document)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    public string OutputPieces(BsonValue runId)
    {
        var text = new System.Text.StringBuilder();
        var pieces = Collection(MongoRunRecord.OutputCollectionOf(_target)).Find(new BsonDocument("run_id", runId)).Sort(new BsonDocument("seq", 1)).ToCursor();
        foreach (var piece in pieces.ToEnumerable())
        {
            text.Append(piece.GetValue("text", "").ToString());
        }

        return text.ToString();
    }

    public MirrorFile? ReadFile(ObjectId id)
    {
        var info = Collection(GridFsFile.FilesCollection).Find(new BsonDocument("_id", id)).FirstOrDefault();
        if (info is null)
        {
            return null;
        }

        using var content = new MemoryStream();
        var chunks = Collection(GridFsFile.ChunksCollection).Find(new BsonDocument("files_id", id)).Sort(new BsonDocument("n", 1)).ToCursor();
        foreach (var chunk in chunks.ToEnumerable())
        {
            if (chunk.GetValue("data", BsonNull.Value) is not BsonBinaryData data)
            {
                return new MirrorFile(info, null);
            }

            content.Write(data.Bytes);
        }

        var length = info.GetValue("length", 0).ToInt64();
        return new MirrorFile(info, content.Length == length ? content.ToArray() : null);
    }

    public void SetField(IReadOnlyList<long> ids, string field, BsonValue? value)
    {
        var update = value is null
            ? new BsonDocument("$unset", new BsonDocument(field, ""))
            : new BsonDocument("$set", new BsonDocument(field, value));
        Runs().UpdateMany(new BsonDocument("_id", new BsonDocument("$in", Ids(ids))), update);
    }

    public void ChangeTags(IReadOnlyList<long> ids, IReadOnlyList<string> add, IReadOnlyList<string> remove)
    {
        var filter = new BsonDocument("_id", new BsonDocument("$in", Ids(ids)));
        if (add.Count > 0)
        {
            Runs().UpdateMany(filter, new BsonDocument("$addToSet", new BsonDocument("omniboard.tags", new BsonDocument("$each", new BsonArray(add)))));
        }

        if (remove.Count > 0)
        {
            Runs().UpdateMany(filter, new BsonDocument("$pull", new BsonDocument("omniboard.tags", new BsonDocument("$in", new BsonArray(remove)))));
        }
    }

    public void Delete(IReadOnlyList<long> ids)
    {
        var filter = new BsonDocument("_id", new BsonDocument("$in", Ids(ids)));
        var files = new HashSet<ObjectId>();
        var sources = new HashSet<ObjectId>();
        foreach (var run in Runs().Find(filter).Project(new BsonDocument { { "artifacts", 1 }, { "experiment.sources", 1 } }).ToList())
        {
            foreach (var artifact in run.GetValue("artifacts", new BsonArray()).AsBsonArray)
            {
                if (artifact is BsonDocument { } entry && entry.GetValue("file_id", BsonNull.Value) is BsonObjectId fileId)
                {
                    files.Add(fileId.Value);
                }
            }

            if (run.GetValue("experiment", new BsonDocument()) is BsonDocument experiment)
            {
                foreach (var pair in experiment.GetValue("sources", new BsonArray()).AsBsonArray)
                {
                    if (pair is BsonArray { Count: 2 } items && items[1] is BsonObjectId sourceId)
                    {
                        sources.Add(sourceId.Value);
                    }
                }
            }
        }

        var runIds = new BsonDocument("run_id", new BsonDocument("$in", Ids(ids)));
        Collection(_target.MetricsCollection).DeleteMany(runIds);
        Collection(MongoRunRecord.OutputCollectionOf(_target)).DeleteMany(runIds);
        Runs().DeleteMany(filter);
        foreach (var source in sources)
        {
            // A source is shared by every run of the same file and md5: it goes only with its last run.
            var used = new BsonDocument("experiment.sources", new BsonDocument("$elemMatch", new BsonDocument("$elemMatch", new BsonDocument("$eq", source))));
            if (Runs().Find(used).Limit(1).CountDocuments() == 0)
            {
                files.Add(source);
            }
        }

        foreach (var file in files)
        {
            Collection(GridFsFile.ChunksCollection).DeleteMany(new BsonDocument("files_id", file));
            Collection(GridFsFile.FilesCollection).DeleteOne(new BsonDocument("_id", file));
        }
    }

    private static BsonArray Ids(IEnumerable<long> ids)
    {
        var array = new BsonArray();
        foreach (var id in ids)
        {
            array.Add(BsonValues.Integer(id));
        }

        return array;
    }

    private static long? Millis(BsonValue value) => value is BsonDateTime time ? time.MillisecondsSinceEpoch : null;
}
