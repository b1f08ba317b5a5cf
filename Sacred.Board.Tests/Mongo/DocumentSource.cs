using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Mirror;
using Sacred.Mongo.Tests.Documents;

namespace Sacred.Board.Tests.Mongo;

/// <summary>
/// Sacred's MongoDB collections held in memory (no server can be installed here) as the mirror's source: it answers
/// the mirror's reads and takes its write-through as a server would, and can be made unreachable or refusing.
/// </summary>
internal sealed class DocumentSource : IMirrorSource
{
    public InMemoryCollections Documents { get; } = new();

    /// <summary>True: every read fails as an unreachable server does.</summary>
    public bool Unreachable { get; set; }

    /// <summary>True: every write fails as a server that refuses it does.</summary>
    public bool RefuseWrites { get; set; }

    public string Description => "mongodb://memory:27017/sacred";

    private List<BsonDocument> Collection(string name) => Documents[name] as List<BsonDocument> ?? [];

    public List<BsonDocument> RunDocuments => Collection("runs");

    public BsonDocument Run(long id) => RunDocuments.Single(r => r["_id"].ToInt64() == id);

    /// <summary>Loads a file Python Sacred wrote (canonical Extended JSON: <c>runs</c>, <c>metrics</c>, <c>fs.files</c>, <c>fs.chunks</c>), giving its run <paramref name="id"/>.</summary>
    public void LoadReference(string scenario, long id)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Mongo", "Reference", scenario + ".canonical.json");
        var file = BsonDocument.Parse(File.ReadAllText(path));
        foreach (var collection in file)
        {
            foreach (var document in collection.Value.AsBsonArray.Cast<BsonDocument>())
            {
                if (collection.Name == "runs")
                {
                    document["_id"] = id;
                }
                else if (collection.Name == "metrics")
                {
                    document["run_id"] = id;
                }

                if (!Documents[collection.Name].Any(d => d["_id"] == document["_id"]))
                {
                    Documents.Apply(new Sacred.Mongo.Documents.InsertOne(collection.Name, document));
                }
            }
        }
    }

    public IReadOnlyList<RunStamp> Stamps(RunChange? change)
    {
        Reach();
        return RunDocuments.Where(r => r["_id"].IsNumeric).Select(r => new RunStamp(
            r["_id"].ToInt64(),
            r.GetValue("status", "").ToString()!,
            r.GetValue("heartbeat", BsonNull.Value) is BsonDateTime h ? h.MillisecondsSinceEpoch : null,
            r.GetValue("stop_time", BsonNull.Value) is BsonDateTime s ? s.MillisecondsSinceEpoch : null)).ToList();
    }

    public IReadOnlyList<BsonDocument> Runs(IReadOnlyList<long> ids)
    {
        Reach();
        return RunDocuments.Where(r => r["_id"].IsNumeric && ids.Contains(r["_id"].ToInt64())).Select(r => r.DeepClone().AsBsonDocument).ToList();
    }

    public IReadOnlyList<BsonDocument> Metrics(BsonValue runId, IReadOnlyDictionary<ObjectId, int> held)
    {
        Reach();
        var result = new List<BsonDocument>();
        foreach (var metric in Documents["metrics"].Where(m => m["run_id"].ToInt64() == runId.ToInt64()).OrderBy(m => m["_id"].AsObjectId))
        {
            var skip = held.GetValueOrDefault(metric["_id"].AsObjectId);
            if (metric["steps"].AsBsonArray.Count <= skip)
            {
                continue;
            }

            var copy = metric.DeepClone().AsBsonDocument;
            foreach (var field in new[] { "steps", "values", "timestamps" })
            {
                copy[field] = new BsonArray(copy[field].AsBsonArray.Skip(skip));
            }

            result.Add(copy);
        }

        return result;
    }

    public string OutputPieces(BsonValue runId) =>
        string.Concat(Documents["captured_out"].Where(p => p["run_id"].ToInt64() == runId.ToInt64()).OrderBy(p => p["seq"].ToInt32()).Select(p => p["text"].AsString));

    public MirrorFile? ReadFile(ObjectId id)
    {
        Reach();
        var info = Documents["fs.files"].SingleOrDefault(f => f["_id"] == id);
        if (info is null)
        {
            return null;
        }

        var chunks = Documents["fs.chunks"].Where(c => c["files_id"] == id).OrderBy(c => c["n"].ToInt32()).ToList();
        return chunks.All(c => c["data"] is BsonBinaryData)
            ? new MirrorFile(info, chunks.SelectMany(c => c["data"].AsBsonBinaryData.Bytes).ToArray())
            : new MirrorFile(info, null);
    }

    public void SetField(IReadOnlyList<long> ids, string field, BsonValue? value)
    {
        Write();
        var (parent, name) = field.Split('.') is [var p, var n] ? (p, n) : throw new ArgumentException(field);
        foreach (var run in RunDocuments.Where(r => ids.Contains(r["_id"].ToInt64())))
        {
            if (!run.Contains(parent))
            {
                run[parent] = new BsonDocument();
            }

            if (value is null)
            {
                run[parent].AsBsonDocument.Remove(name);
            }
            else
            {
                run[parent][name] = value;
            }
        }
    }

    public void ChangeTags(IReadOnlyList<long> ids, IReadOnlyList<string> add, IReadOnlyList<string> remove)
    {
        Write();
        foreach (var run in RunDocuments.Where(r => ids.Contains(r["_id"].ToInt64())))
        {
            var tags = run.GetValue("omniboard", new BsonDocument()).AsBsonDocument.GetValue("tags", new BsonArray()).AsBsonArray.Select(t => t.AsString).ToList();
            tags = tags.Concat(add.Where(a => !tags.Contains(a))).Where(t => !remove.Contains(t)).ToList();
            SetField([run["_id"].ToInt64()], "omniboard.tags", new BsonArray(tags));
        }
    }

    public void Delete(IReadOnlyList<long> ids)
    {
        Write();
        var gone = RunDocuments.Where(r => ids.Contains(r["_id"].ToInt64())).ToList();
        var files = gone.SelectMany(r => r["artifacts"].AsBsonArray.Select(a => a["file_id"].AsObjectId)).ToHashSet();
        var sources = gone.SelectMany(r => r["experiment"]["sources"].AsBsonArray.Select(s => s[1].AsObjectId)).ToHashSet();
        RunDocuments.RemoveAll(gone.Contains);
        Collection("metrics").RemoveAll(m => ids.Contains(m["run_id"].ToInt64()));
        Collection("captured_out").RemoveAll(m => ids.Contains(m["run_id"].ToInt64()));
        files.UnionWith(sources.Where(s => !RunDocuments.Any(r => r["experiment"]["sources"].AsBsonArray.Any(p => p[1] == s))));
        Collection("fs.files").RemoveAll(f => files.Contains(f["_id"].AsObjectId));
        Collection("fs.chunks").RemoveAll(c => files.Contains(c["files_id"].AsObjectId));
    }

    private void Reach()
    {
        if (Unreachable)
        {
            throw new TimeoutException("A timeout occurred after 5000ms selecting a server (memory:27017: connection refused).");
        }
    }

    private void Write()
    {
        Reach();
        if (RefuseWrites)
        {
            throw new MongoClientException("not authorized on sacred to execute command { update: \"runs\" }");
        }
    }
}
