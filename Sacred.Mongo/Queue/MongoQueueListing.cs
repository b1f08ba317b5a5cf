using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Documents;

namespace Sacred.Mongo.Queue;

/// <summary>
/// What waits in MongoDB's queue, in the order workers claim it (<see cref="MongoQueueDocuments.ClaimSort"/>): ours and
/// Python Sacred's queued runs alike, of every experiment.
/// </summary>
public static class MongoQueueListing
{
    private static readonly BsonDocument s_fields = new()
    {
        { "experiment.name", 1 }, { "command", 1 }, { "meta.config_updates", 1 }, { "meta.queue_time", 1 }, { "meta.priority", 1 }, { "meta.options.--priority", 1 },
    };

    /// <summary>Reads the QUEUED runs.</summary>
    /// <param name="target">The database.</param>
    /// <returns>The runs, first to be claimed first.</returns>
    /// <exception cref="MongoException">The server cannot be reached or refused the read.</exception>
    /// <exception cref="TimeoutException">No server answered in the selection timeout.</exception>
    public static IReadOnlyList<MongoQueuedRun> List(MongoTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        MongoServerProbe.ThrowIfRefused(target);
        using var client = new MongoClient(target.ClientSettings());
        var runs = client.GetDatabase(target.Database).GetCollection<BsonDocument>(target.RunsCollection);
        return runs.Find(new BsonDocument("status", "QUEUED")).Sort(MongoQueueDocuments.ClaimSort()).Project(s_fields).ToList().Select(Row).ToList();
    }

    /// <summary>One queued document as a row; fields Python Sacred or a hand-made document left out are empty.</summary>
    internal static MongoQueuedRun Row(BsonDocument run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var meta = run.GetValue("meta", BsonNull.Value) as BsonDocument ?? [];
        var experiment = run.GetValue("experiment", BsonNull.Value) as BsonDocument ?? [];
        var changes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ConfigUpdates.Leaves(BsonValues.ToNode(meta.GetValue("config_updates", BsonNull.Value))))
        {
            changes[key] = value.ToLiteral();
        }
        return new MongoQueuedRun(
            MongoRunIds.Format(run.GetValue("_id", BsonNull.Value)),
            experiment.GetValue("name", "") is BsonString name ? name.Value : "",
            run.GetValue("command", "") is BsonString command ? command.Value : "",
            changes,
            meta.GetValue("queue_time", BsonNull.Value) is BsonDateTime time ? time.ToUniversalTime() : null,
            Priority(meta));
    }

    private static double? Priority(BsonDocument meta)
    {
        if (meta.GetValue("priority", BsonNull.Value) is { IsNumeric: true } priority)
        {
            return priority.ToDouble();
        }

        // Python Sacred keeps -P only among the options, as a number or as the text given.
        var option = meta.GetValue("options", BsonNull.Value) is BsonDocument options ? options.GetValue("--priority", BsonNull.Value) : BsonNull.Value;
        return option switch
        {
            { IsNumeric: true } => option.ToDouble(),
            BsonString text when double.TryParse(text.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
            _ => null,
        };
    }
}
