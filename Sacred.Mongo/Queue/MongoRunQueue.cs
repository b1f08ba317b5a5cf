using System;
using System.Globalization;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Documents;
using Sacred.Queue;

namespace Sacred.Mongo.Queue;

/// <summary>
/// The queue in MongoDB (<c>EXE worker -m URL</c>), for workers on any number of machines: runs queued with
/// <c>-q -m</c> wait in the <c>runs</c> collection as Sacred's QUEUED documents. A claim is one
/// <c>findOneAndUpdate</c> (QUEUED → RUNNING with this worker and a lease), so a run goes to exactly one worker. A
/// worker killed with <c>kill -9</c> stops renewing its lease; the next worker to look for work re-queues the run with
/// one update per run (or fails it after its last attempt), conditioned on the lease having passed.
/// </summary>
internal sealed class MongoRunQueue : IRunQueue
{
    private readonly MongoTarget _target;
    private readonly MongoClient _client;
    private readonly IMongoCollection<BsonDocument> _runs;
    private bool _answered;

    public MongoRunQueue(MongoTarget target)
    {
        _target = target;
        _client = new MongoClient(target.ClientSettings());
        _runs = _client.GetDatabase(target.Database).GetCollection<BsonDocument>(target.RunsCollection);
    }

    public string Name => "MongoDB " + _target;

    public QueuedRunClaim? TryClaim(QueueFilter filter, string workerId, TimeSpan lease)
    {
        var options = new FindOneAndUpdateOptions<BsonDocument> { Sort = MongoQueueDocuments.ClaimSort(), ReturnDocument = ReturnDocument.After };
        var claimed = Call(() => _runs.FindOneAndUpdate<BsonDocument>(MongoQueueDocuments.ClaimFilter(filter), MongoQueueDocuments.ClaimUpdate(workerId, DateTime.UtcNow, lease), options));
        return claimed is null ? null : Claim(claimed);
    }

    public bool HasUnfinished(QueueFilter filter) =>
        Call(() => _runs.CountDocuments(MongoQueueDocuments.UnfinishedFilter(filter), new CountOptions { Limit = 1 })) > 0;

    public bool RenewLease(string runId, string workerId, TimeSpan lease) =>
        Call(() => _runs.UpdateOne(MongoQueueDocuments.HeldBy(MongoRunIds.Parse(runId), workerId), MongoQueueDocuments.RenewUpdate(DateTime.UtcNow, lease))).MatchedCount == 1;

    public void FailClaim(string runId, string workerId, string reason)
    {
        var filter = MongoQueueDocuments.HeldBy(MongoRunIds.Parse(runId), workerId);
        filter.Add("status", "RUNNING");
        Call(() => _runs.UpdateOne(filter, MongoQueueDocuments.FailUpdate(DateTime.UtcNow, reason)));
    }

    public int RecoverExpired(int maxAttempts)
    {
        var now = DateTime.UtcNow;
        var failed = Call(() => _runs.UpdateMany(MongoQueueDocuments.ExpiredFilter(now, maxAttempts, exhausted: true), MongoQueueDocuments.FailUpdate(now, MongoQueueDocuments.ExhaustedReason(maxAttempts))));
        var requeued = Call(() => _runs.UpdateMany(MongoQueueDocuments.ExpiredFilter(now, maxAttempts, exhausted: false), MongoQueueDocuments.RequeueUpdate()));
        return (int)(failed.ModifiedCount + requeued.ModifiedCount);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>What a worker needs from a claimed document: options, config and seed as queued, and the attempt.</summary>
    internal static QueuedRunClaim Claim(BsonDocument document)
    {
        var config = document.GetValue("config", new BsonDocument());
        var options = document.GetValue("meta", new BsonDocument()).AsBsonDocument.GetValue("options", BsonNull.Value);
        var seed = config.IsBsonDocument && config.AsBsonDocument.TryGetValue("seed", out var value) && value.IsNumeric ? (int)value.ToInt64() : 0;
        var attempts = document.GetValue(MongoQueueDocuments.Attempts, 1);
        return new QueuedRunClaim(MongoRunIds.Format(document["_id"]), BsonValues.ToNode(options), BsonValues.ToNode(config), seed, attempts.IsNumeric ? (int)attempts.ToInt64() : 1);
    }

    private T Call<T>(Func<T> action)
    {
        try
        {
            if (!_answered)
            {
                // A server that refuses every connection is reported at once, not after the selection timeout.
                MongoServerProbe.ThrowIfRefused(_target);
            }

            var result = action();
            _answered = true;
            return result;
        }
        catch (TimeoutException e)
        {
            throw new QueueUnavailableException(
                $"MongoDB {_target} cannot be reached: {_target.Reason(e)}", e);
        }
        catch (MongoException e)
        {
            throw new QueueUnavailableException($"MongoDB {_target}: {FirstLine(e.Message)}", e);
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
