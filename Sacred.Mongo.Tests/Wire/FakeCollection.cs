using System.Collections.Generic;
using System.Linq;
using MongoDB.Bson;

namespace Sacred.Mongo.Tests.Wire;

/// <summary>One collection of the fake server: documents in insertion order, a unique <c>_id</c>. Not thread-safe: the server holds its lock.</summary>
internal sealed class FakeCollection
{
    private readonly List<BsonDocument> _documents = [];

    public IReadOnlyList<BsonDocument> Documents => _documents;

    /// <summary>Inserts the document (an <c>_id</c> ObjectId added if it has none), or returns the duplicate key error.</summary>
    public BsonDocument? TryInsert(BsonDocument document, string ns)
    {
        if (!document.Contains("_id"))
        {
            document.InsertAt(0, new BsonElement("_id", ObjectId.GenerateNewId()));
        }

        var id = document["_id"];
        if (_documents.Any(d => QueryFilter.AreEqual(d["_id"], id)))
        {
            return new BsonDocument
            {
                { "code", 11000 },
                { "errmsg", $"E11000 duplicate key error collection: {ns} index: _id_ dup key: {{ _id: {id} }}" },
            };
        }

        _documents.Add(document);
        return null;
    }

    public IEnumerable<BsonDocument> Find(BsonDocument filter) => _documents.Where(d => QueryFilter.Matches(d, filter));

    public void Replace(BsonDocument old, BsonDocument updated) => _documents[_documents.IndexOf(old)] = updated;

    public int Delete(BsonDocument filter, bool justOne)
    {
        var matched = Find(filter).Take(justOne ? 1 : int.MaxValue).ToList();
        foreach (var document in matched)
        {
            _documents.Remove(document);
        }

        return matched.Count;
    }

    /// <summary>Documents in <paramref name="sort"/>'s order (a missing field sorts as null, first).</summary>
    public static IEnumerable<BsonDocument> Sorted(IEnumerable<BsonDocument> documents, BsonDocument? sort)
    {
        if (sort is null || sort.ElementCount == 0)
        {
            return documents;
        }

        var list = documents.ToList();
        list.Sort((a, b) =>
        {
            foreach (var key in sort)
            {
                var order = (DocumentPath.Get(a, key.Name) ?? BsonNull.Value).CompareTo(DocumentPath.Get(b, key.Name) ?? BsonNull.Value);
                if (order != 0)
                {
                    return key.Value.ToInt32() < 0 ? -order : order;
                }
            }

            return 0;
        });
        return list;
    }

    /// <summary>The document as <paramref name="projection"/> shows it: inclusion or exclusion of (dotted) fields.</summary>
    public static BsonDocument Project(BsonDocument document, BsonDocument? projection)
    {
        if (projection is null || projection.ElementCount == 0)
        {
            return document.DeepClone().AsBsonDocument;
        }

        if (projection.Any(p => !p.Value.IsNumeric && !p.Value.IsBoolean))
        {
            throw new UnsupportedByFakeServerException($"unsupported projection {projection}: only inclusion or exclusion of fields", 2);
        }

        var including = projection.Any(p => p.Name != "_id" && p.Value.ToBoolean());
        var keepId = !projection.TryGetValue("_id", out var id) || id.ToBoolean();
        if (!including)
        {
            var result = document.DeepClone().AsBsonDocument;
            foreach (var field in projection.Where(p => !p.Value.ToBoolean()))
            {
                DocumentPath.Remove(result, field.Name);
            }

            return result;
        }

        var included = new BsonDocument();
        if (keepId && document.TryGetValue("_id", out var documentId))
        {
            included["_id"] = documentId;
        }

        foreach (var field in projection.Where(p => p.Name != "_id" && p.Value.ToBoolean()))
        {
            if (DocumentPath.Get(document, field.Name) is { } value)
            {
                DocumentPath.Set(included, field.Name, value.DeepClone());
            }
        }

        return included;
    }

    /// <summary>A new document for an upsert that matched nothing: the filter's equality fields.</summary>
    public static BsonDocument FromFilter(BsonDocument filter)
    {
        var document = new BsonDocument();
        foreach (var element in filter.Where(e => !e.Name.StartsWith('$') && !(e.Value is BsonDocument d && d.ElementCount > 0 && d.GetElement(0).Name.StartsWith('$'))))
        {
            DocumentPath.Set(document, element.Name, element.Value.DeepClone());
        }

        return document;
    }
}
