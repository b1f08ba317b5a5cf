using System;
using System.Collections.Generic;
using System.Linq;
using MongoDB.Bson;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Recording;

namespace Sacred.Mongo.Tests.Documents;

/// <summary>
/// Applies the writes the observer would send (inserts, <c>$set</c> (dotted too), <c>$unset</c>, <c>$inc</c>, <c>$push</c>
/// with or without <c>$each</c>, an update's condition on top-level fields, deletes by top-level fields) to documents in
/// memory, so a test sees what a server would hold without one (none can be installed here).
/// </summary>
internal sealed class InMemoryCollections : IMongoRunDatabase
{
    private readonly SortedDictionary<string, List<BsonDocument>> _collections = new(StringComparer.Ordinal);

    public IReadOnlyList<BsonDocument> this[string collection] =>
        _collections.TryGetValue(collection, out var documents) ? documents : [];

    public IEnumerable<string> Names => _collections.Where(c => c.Value.Count > 0).Select(c => c.Key);

    public ObjectId? FindFile(string fileName, string md5) =>
        this["fs.files"].FirstOrDefault(f => f["filename"] == fileName && f["md5"] == md5)?["_id"].AsObjectId;

    public BsonValue InsertRun(Func<BsonValue, BsonDocument> document, BsonValue? givenId)
    {
        var runs = this["runs"].Select(r => r["_id"]).Where(id => id.IsNumeric).Select(id => id.ToInt64()).ToList();
        var id = givenId ?? Sacred.Mongo.Documents.BsonValues.Integer(runs.Count == 0 ? 1 : runs.Max() + 1);
        Apply(new InsertOne("runs", document(id)));
        return id;
    }

    public void Write(IReadOnlyList<MongoWrite> writes) => Apply(writes);

    public void Apply(IEnumerable<MongoWrite> writes)
    {
        foreach (var write in writes)
        {
            Apply(write);
        }
    }

    public void Apply(MongoWrite write)
    {
        switch (write)
        {
            case InsertOne insert:
                var documents = Collection(insert.Collection);
                Assert(documents.All(d => d["_id"] != insert.Document["_id"]), $"duplicate _id {insert.Document["_id"]} in {insert.Collection}");
                documents.Add(insert.Document.DeepClone().AsBsonDocument);
                break;
            case DeleteMany delete:
                Collection(delete.Collection).RemoveAll(d => Matches(d, delete.Filter));
                break;
            case UpdateOne update:
                var target = Collection(update.Collection).SingleOrDefault(d => d["_id"] == update.Id)
                    ?? throw new InvalidOperationException($"no document {update.Id} in {update.Collection}");
                if (update.Condition is { } condition && !Matches(target, condition))
                {
                    throw new Sacred.Mongo.Queue.ClaimLostException($"run {update.Id} is no longer held by this worker");
                }

                Update(target, update.Update);
                break;
        }
    }

    /// <summary>Applies an update document to a document.</summary>
    public static void Update(BsonDocument target, BsonDocument update)
    {
        foreach (var op in update)
        {
            foreach (var field in op.Value.AsBsonDocument)
            {
                switch (op.Name)
                {
                    case "$set":
                        Parent(target, field.Name, out var last)[last] = field.Value.DeepClone();
                        break;
                    case "$unset":
                        target.Remove(field.Name);
                        break;
                    case "$inc":
                        target[field.Name] = target.GetValue(field.Name, 0).ToInt32() + field.Value.ToInt32();
                        break;
                    case "$push":
                        var array = target.GetValue(field.Name).AsBsonArray;
                        if (field.Value is BsonDocument each && each.Contains("$each"))
                        {
                            array.AddRange(each["$each"].AsBsonArray.Select(v => v.DeepClone()));
                        }
                        else
                        {
                            array.Add(field.Value.DeepClone());
                        }

                        break;
                    default:
                        throw new InvalidOperationException("unsupported operator " + op.Name);
                }
            }
        }
    }

    /// <summary>Whether a document has every top-level field of a filter with that value.</summary>
    public static bool Matches(BsonDocument document, BsonDocument filter) =>
        filter.All(field => document.TryGetValue(field.Name, out var value) && value == field.Value);

    private static BsonDocument Parent(BsonDocument document, string path, out string last)
    {
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            document = document[parts[i]].AsBsonDocument;
        }

        last = parts[^1];
        return document;
    }

    private List<BsonDocument> Collection(string name)
    {
        if (!_collections.TryGetValue(name, out var documents))
        {
            documents = [];
            _collections[name] = documents;
        }

        return documents;
    }

    private static void Assert(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
