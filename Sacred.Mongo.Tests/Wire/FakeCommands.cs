using System;
using System.Collections.Generic;
using System.Linq;
using MongoDB.Bson;

namespace Sacred.Mongo.Tests.Wire;

/// <summary>
/// The commands a driver sends to a standalone server for our code, applied to in-memory collections: the handshake
/// (<c>hello</c>/<c>isMaster</c>, then <c>getLastError</c> for the connection's id), <c>ping</c>, <c>insert</c>, <c>update</c>, <c>delete</c>, <c>find</c>,
/// <c>findAndModify</c>, <c>aggregate</c> (the count pipeline of CountDocuments), <c>count</c>,
/// <c>createIndexes</c>, <c>listCollections</c> (names only, no filter), <c>dropDatabase</c>. Anything else fails with code 59 and a message naming it.
/// </summary>
internal sealed class FakeCommands
{
    private readonly Dictionary<string, FakeCollection> _collections = new(StringComparer.Ordinal);

    /// <summary>The collections, by namespace (<c>db.collection</c>).</summary>
    public IReadOnlyDictionary<string, FakeCollection> Collections => _collections;

    /// <summary>The reply to <paramref name="command"/>, sent to <paramref name="database"/>.</summary>
    public BsonDocument Execute(string name, string database, BsonDocument command)
    {
        try
        {
            return name switch
            {
                "hello" or "isMaster" or "ismaster" => Hello(),
                "getLastError" => Ok().Add("connectionId", 1), // the driver asks once per connection, after the handshake
                "ping" or "endSessions" or "killCursors" or "createIndexes" => Ok(),
                "insert" => Insert(Collection(database, command), database + "." + command[0].AsString, command["documents"].AsBsonArray),
                "update" => Update(Collection(database, command), database + "." + command[0].AsString, command["updates"].AsBsonArray),
                "delete" => Delete(Collection(database, command), command["deletes"].AsBsonArray),
                "find" => Find(Collection(database, command), database + "." + command[0].AsString, command),
                "findAndModify" => FindAndModify(Collection(database, command), database + "." + command[0].AsString, command),
                "aggregate" => Aggregate(Collection(database, command), database + "." + command[0].AsString, command["pipeline"].AsBsonArray),
                "dropDatabase" => DropDatabase(database),
                "listCollections" => Cursor(database + ".$cmd.listCollections", new BsonArray(_collections.Where(c => c.Key.StartsWith(database + ".", StringComparison.Ordinal) && c.Value.Documents.Count > 0).Select(c => new BsonDocument { { "name", c.Key[(database.Length + 1)..] }, { "type", "collection" } }))),
                "count" => Ok().Add("n", Count(Collection(database, command), command)),
                _ => throw new UnsupportedByFakeServerException("unsupported command " + name, 59),
            };
        }
        catch (UnsupportedByFakeServerException e)
        {
            return new BsonDocument { { "ok", 0.0 }, { "errmsg", e.Message }, { "code", e.Code } };
        }
        catch (Exception e) when (e is InvalidCastException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            // A command shaped otherwise than this server expects: a failed command (code 8, UnknownError), never a dead connection.
            return new BsonDocument { { "ok", 0.0 }, { "errmsg", $"fake server: {name} failed: {e.Message}" }, { "code", 8 } };
        }
    }

    private static BsonDocument Ok() => new("ok", 1.0);

    private BsonDocument DropDatabase(string database)
    {
        foreach (var ns in _collections.Keys.Where(k => k.StartsWith(database + ".", StringComparison.Ordinal)).ToList())
        {
            _collections.Remove(ns);
        }

        return Ok();
    }

    // No topologyVersion, so the driver polls instead of streaming; no logicalSessionTimeoutMinutes, so it sends no
    // sessions; no compression.
    private static BsonDocument Hello() => new()
    {
        { "helloOk", true },
        { "ismaster", true },
        { "isWritablePrimary", true },
        { "maxBsonObjectSize", 16 * 1024 * 1024 },
        { "maxMessageSizeBytes", 48_000_000 },
        { "maxWriteBatchSize", 100_000 },
        { "localTime", DateTime.UtcNow },
        { "minWireVersion", 0 },
        { "maxWireVersion", 21 },
        { "readOnly", false },
        { "ok", 1.0 },
    };

    private FakeCollection Collection(string database, BsonDocument command)
    {
        var ns = database + "." + command[0].AsString;
        if (!_collections.TryGetValue(ns, out var collection))
        {
            collection = new FakeCollection();
            _collections[ns] = collection;
        }

        return collection;
    }

    private static BsonDocument Insert(FakeCollection collection, string ns, BsonArray documents)
    {
        var inserted = 0;
        var errors = new BsonArray();
        foreach (var document in documents)
        {
            if (collection.TryInsert(document.AsBsonDocument, ns) is { } error)
            {
                errors.Add(new BsonDocument("index", inserted).AddRange(error));
                break; // ordered: the rest is not inserted
            }

            inserted++;
        }

        var reply = new BsonDocument("n", inserted);
        if (errors.Count > 0)
        {
            reply.Add("writeErrors", errors);
        }

        return reply.Add("ok", 1.0);
    }

    private static BsonDocument Update(FakeCollection collection, string ns, BsonArray updates)
    {
        int matched = 0, modified = 0;
        var upserted = new BsonArray();
        for (var index = 0; index < updates.Count; index++)
        {
            var statement = updates[index].AsBsonDocument;
            var filter = statement["q"].AsBsonDocument;
            var update = statement["u"] is BsonDocument u ? u : throw new UnsupportedByFakeServerException("unsupported update with a pipeline", 2);
            var targets = collection.Find(filter).Take(statement.GetValue("multi", false).ToBoolean() ? int.MaxValue : 1).ToList();
            foreach (var target in targets)
            {
                var updated = UpdateOperators.Apply(target, update);
                matched++;
                if (!updated.Equals(target))
                {
                    collection.Replace(target, updated);
                    modified++;
                }
            }

            if (targets.Count == 0 && statement.GetValue("upsert", false).ToBoolean())
            {
                var document = UpdateOperators.Apply(FakeCollection.FromFilter(filter), update);
                if (!document.Contains("_id") && FakeCollection.FromFilter(filter).TryGetValue("_id", out var id))
                {
                    document.InsertAt(0, new BsonElement("_id", id));
                }

                if (collection.TryInsert(document, ns) is { } error)
                {
                    return new BsonDocument { { "n", matched }, { "nModified", modified }, { "writeErrors", new BsonArray { new BsonDocument("index", index).AddRange(error) } }, { "ok", 1.0 } };
                }

                upserted.Add(new BsonDocument { { "index", index }, { "_id", document["_id"] } });
            }
        }

        var reply = new BsonDocument { { "n", matched + upserted.Count }, { "nModified", modified } };
        if (upserted.Count > 0)
        {
            reply.Add("upserted", upserted);
        }

        return reply.Add("ok", 1.0);
    }

    private static BsonDocument Delete(FakeCollection collection, BsonArray deletes)
    {
        var removed = deletes.Sum(d => collection.Delete(d["q"].AsBsonDocument, d["limit"].ToInt32() == 1));
        return new BsonDocument { { "n", removed }, { "ok", 1.0 } };
    }

    private static BsonDocument Find(FakeCollection collection, string ns, BsonDocument command)
    {
        var found = FakeCollection.Sorted(collection.Find(command.GetValue("filter", new BsonDocument()).AsBsonDocument), command.GetValue("sort", BsonNull.Value) as BsonDocument)
            .Skip(command.GetValue("skip", 0).ToInt32());
        var limit = Math.Abs(command.GetValue("limit", 0).ToInt32());
        if (limit > 0)
        {
            found = found.Take(limit);
        }

        var projection = command.GetValue("projection", BsonNull.Value) as BsonDocument;
        return Cursor(ns, new BsonArray(found.Select(d => FakeCollection.Project(d, projection))));
    }

    private static BsonDocument FindAndModify(FakeCollection collection, string ns, BsonDocument command)
    {
        if (command.GetValue("remove", false).ToBoolean() || command.GetValue("upsert", false).ToBoolean())
        {
            throw new UnsupportedByFakeServerException("unsupported findAndModify with remove or upsert", 2);
        }

        var filter = command.GetValue("query", new BsonDocument()).AsBsonDocument;
        var target = FakeCollection.Sorted(collection.Find(filter), command.GetValue("sort", BsonNull.Value) as BsonDocument).FirstOrDefault();
        BsonValue value = BsonNull.Value;
        if (target is not null)
        {
            var updated = UpdateOperators.Apply(target, command["update"].AsBsonDocument);
            collection.Replace(target, updated);
            value = FakeCollection.Project(command.GetValue("new", false).ToBoolean() ? updated : target, command.GetValue("fields", BsonNull.Value) as BsonDocument);
        }

        return new BsonDocument
        {
            { "lastErrorObject", new BsonDocument { { "n", target is null ? 0 : 1 }, { "updatedExisting", target is not null } } },
            { "value", value },
            { "ok", 1.0 },
        };
    }

    // CountDocuments sends [{$match}, {$skip}?, {$limit}?, {$group: {_id: 1, n: {$sum: 1}}}].
    private static BsonDocument Aggregate(FakeCollection collection, string ns, BsonArray pipeline)
    {
        IEnumerable<BsonDocument> documents = collection.Documents;
        foreach (var stage in pipeline.Select(s => s.AsBsonDocument.GetElement(0)))
        {
            documents = stage.Name switch
            {
                "$match" => documents.Where(d => QueryFilter.Matches(d, stage.Value.AsBsonDocument)).ToList(),
                "$skip" => documents.Skip(stage.Value.ToInt32()).ToList(),
                "$limit" => documents.Take(stage.Value.ToInt32()).ToList(),
                "$group" when stage.Value.AsBsonDocument.Names.SequenceEqual(["_id", "n"]) && stage.Value["n"].Equals(new BsonDocument("$sum", 1)) =>
                    documents.Any() ? [new BsonDocument { { "_id", stage.Value["_id"] }, { "n", documents.Count() } }] : [],
                _ => throw new UnsupportedByFakeServerException($"unsupported aggregation stage {stage.Name}: {stage.Value}", 2),
            };
        }

        return Cursor(ns, new BsonArray(documents.Select(d => d.DeepClone())));
    }

    private static int Count(FakeCollection collection, BsonDocument command)
    {
        var count = collection.Find(command.GetValue("query", new BsonDocument()).AsBsonDocument).Count() - command.GetValue("skip", 0).ToInt32();
        var limit = command.GetValue("limit", 0).ToInt32();
        return Math.Max(0, limit > 0 ? Math.Min(count, limit) : count);
    }

    private static BsonDocument Cursor(string ns, BsonArray batch) => new()
    {
        { "cursor", new BsonDocument { { "firstBatch", batch }, { "id", 0L }, { "ns", ns } } },
        { "ok", 1.0 },
    };
}
