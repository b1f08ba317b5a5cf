using System;
using System.Collections.Generic;
using MongoDB.Bson;
using Sacred.Metrics;

namespace Sacred.Mongo.Documents;

/// <summary>
/// A run's <c>metrics</c> documents, as Sacred writes them (one per metric: <c>run_id</c>, <c>name</c> and parallel
/// <c>steps</c>, <c>timestamps</c>, <c>values</c>, linked from the run's <c>info.metrics</c> as <c>{id, name}</c>), and
/// each heartbeat's writes: a <c>$push</c> of the new points only. A series longer than
/// <see cref="MaxPointsPerDocument"/> goes on in a further document of the same <c>run_id</c> and <c>name</c>, also
/// linked from <c>info.metrics</c>, so no document nears 16 MB (about 45 bytes a point).
/// </summary>
internal sealed class MetricDocuments
{
    /// <summary>Points per document: ~4.5 MB, a quarter of the limit.</summary>
    public const int MaxPointsPerDocument = 100_000;

    private readonly string _collection;
    private readonly int _maxPoints;
    private readonly Dictionary<string, (ObjectId Id, int Count)> _current = new(StringComparer.Ordinal);
    private readonly BsonArray _links = [];

    public MetricDocuments(string collection, int maxPointsPerDocument = MaxPointsPerDocument)
    {
        _collection = collection;
        _maxPoints = maxPointsPerDocument;
    }

    /// <summary>The run's <c>info.metrics</c>: <c>{id, name}</c> per document, in creation order.</summary>
    public BsonArray Links => _links;

    /// <summary>The writes that add a batch of new points.</summary>
    public void Add(MetricBatch batch, BsonValue runId, List<MongoWrite> writes)
    {
        var start = 0;
        while (start < batch.Count)
        {
            if (!_current.TryGetValue(batch.Name, out var current) || current.Count >= _maxPoints)
            {
                var take = Math.Min(_maxPoints, batch.Count - start);
                var id = ObjectId.GenerateNewId();
                var document = new BsonDocument { { "_id", id }, { "name", batch.Name }, { "run_id", runId } };
                AddArrays(document, batch, start, take);
                writes.Add(new InsertOne(_collection, document));
                _links.Add(new BsonDocument { { "id", id.ToString() }, { "name", batch.Name } });
                _current[batch.Name] = (id, take);
                start += take;
            }
            else
            {
                var take = Math.Min(_maxPoints - current.Count, batch.Count - start);
                var arrays = new BsonDocument();
                AddArrays(arrays, batch, start, take);
                var push = new BsonDocument();
                foreach (var element in arrays)
                {
                    push.Add(element.Name, new BsonDocument("$each", element.Value));
                }

                writes.Add(new UpdateOne(_collection, current.Id, new BsonDocument("$push", push)));
                _current[batch.Name] = (current.Id, current.Count + take);
                start += take;
            }
        }
    }

    private static void AddArrays(BsonDocument document, MetricBatch batch, int start, int count)
    {
        var steps = new BsonArray(count);
        var timestamps = new BsonArray(count);
        var values = new BsonArray(count);
        var stepSpan = batch.Steps.Span.Slice(start, count);
        var timeSpan = batch.TimestampsMs.Span.Slice(start, count);
        var valueSpan = batch.Values.Span.Slice(start, count);
        for (var i = 0; i < count; i++)
        {
            steps.Add(BsonValues.Integer(stepSpan[i]));
            timestamps.Add(new BsonDateTime(timeSpan[i]));
            values.Add(new BsonDouble(valueSpan[i]));
        }

        document.Add("steps", steps);
        document.Add("timestamps", timestamps);
        document.Add("values", values);
    }
}
