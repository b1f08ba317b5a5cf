using System;
using MongoDB.Bson;
using Sacred.Mongo.Documents;
using Sacred.Queue;

namespace Sacred.Mongo.Queue;

/// <summary>
/// The queue's filters and updates on the <c>runs</c> collection, built without a server (tests compare them
/// document for document). A queued run is Sacred's QUEUED document; a claim adds <c>worker</c> (the worker's id),
/// <c>lease_expires</c> (a date) and <c>attempts</c> (claims so far) to it. Each step is one update of one document,
/// which MongoDB applies atomically: only one worker's claim can match a QUEUED run, and only one re-queue can match
/// an expired RUNNING run.
/// </summary>
internal static class MongoQueueDocuments
{
    /// <summary>The worker's id on a claimed run.</summary>
    public const string Worker = "worker";

    /// <summary>When the claim ends unless renewed (a BSON date).</summary>
    public const string LeaseExpires = "lease_expires";

    /// <summary>How many times the run has been claimed.</summary>
    public const string Attempts = "attempts";

    /// <summary>Fields a started attempt adds to a queued document; a re-queue removes them (with the claim's).</summary>
    private static readonly string[] s_attemptFields =
        ["start_time", "heartbeat", "stop_time", "result", "fail_trace", "captured_out", "info", "artifacts", "resources", "format"];

    /// <summary>The QUEUED runs a worker may claim: its experiment's, and, unless any build, only those queued from its sources.</summary>
    public static BsonDocument ClaimFilter(QueueFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var document = new BsonDocument { { "status", "QUEUED" } };
        if (filter.MainFile is { } mainFile)
        {
            // A run queued with -n NAME is recorded under NAME (as Sacred records it): it is this experiment's when
            // it was renamed and declared in the experiment's main file.
            document.Add("$or", new BsonArray
            {
                new BsonDocument("experiment.name", filter.Experiment),
                new BsonDocument { { "meta.options.--name", new BsonDocument("$type", "string") }, { "experiment.mainfile", mainFile } },
            });
        }
        else
        {
            document.Add("experiment.name", filter.Experiment);
        }

        if (filter.Sources is { } sources)
        {
            document.Add("experiment." + SourcesHash.Field, SourcesHash.Of(sources));
        }

        return document;
    }

    /// <summary>Highest <c>meta.priority</c> first (<c>-P</c>; none is lowest), then the oldest queue time, then the lowest id.</summary>
    public static BsonDocument ClaimSort() =>
        new() { { "meta.priority", -1 }, { "meta.queue_time", 1 }, { "_id", 1 } };

    /// <summary>QUEUED → RUNNING under this worker, with a lease from <paramref name="now"/>, its attempts counted.</summary>
    public static BsonDocument ClaimUpdate(string workerId, DateTime now, TimeSpan lease) => new()
    {
        {
            "$set", new BsonDocument
            {
                { "status", "RUNNING" },
                { Worker, workerId },
                { LeaseExpires, BsonValues.Date(now + lease) },
                { "start_time", BsonValues.Date(now) },
                { "heartbeat", BsonValues.Date(now) },
            }
        },
        { "$inc", new BsonDocument(Attempts, 1) },
    };

    /// <summary>The run, as long as this worker holds it (a re-queue removes <c>worker</c>).</summary>
    public static BsonDocument HeldBy(BsonValue runId, string workerId) =>
        new() { { "_id", runId }, { Worker, workerId } };

    /// <summary>A new lease from <paramref name="now"/>.</summary>
    public static BsonDocument RenewUpdate(DateTime now, TimeSpan lease) =>
        new("$set", new BsonDocument(LeaseExpires, BsonValues.Date(now + lease)));

    /// <summary>RUNNING runs whose lease passed before <paramref name="now"/>: those that may run again (<paramref name="exhausted"/> false) or those that have had all their attempts.</summary>
    public static BsonDocument ExpiredFilter(DateTime now, int maxAttempts, bool exhausted) => new()
    {
        { "status", "RUNNING" },
        { LeaseExpires, new BsonDocument("$lt", BsonValues.Date(now)) },
        { Attempts, new BsonDocument(exhausted ? "$gte" : "$lt", maxAttempts) },
    };

    /// <summary>Back to QUEUED as it was queued: the claim and what the dead attempt wrote removed; id, config, meta (queue time included) and attempts kept.</summary>
    public static BsonDocument RequeueUpdate()
    {
        var unset = new BsonDocument { { Worker, "" }, { LeaseExpires, "" } };
        foreach (var field in s_attemptFields)
        {
            unset.Add(field, "");
        }

        return new BsonDocument { { "$set", new BsonDocument("status", "QUEUED") }, { "$unset", unset } };
    }

    /// <summary>FAILED, with a trace that says why (<c>fail_trace</c> as Sacred's list of lines), at <paramref name="time"/>; the lease removed, the worker kept.</summary>
    public static BsonDocument FailUpdate(DateTime time, string reason) => new()
    {
        {
            "$set", new BsonDocument
            {
                { "status", "FAILED" },
                { "stop_time", BsonValues.Date(time) },
                { "fail_trace", new BsonArray { reason + "\n" } },
            }
        },
        { "$unset", new BsonDocument(LeaseExpires, "") },
    };

    /// <summary>The trace of a run whose worker was lost on its last allowed attempt.</summary>
    public static string ExhaustedReason(int maxAttempts) =>
        $"its worker stopped renewing its lease (it was killed or lost the server) on attempt {maxAttempts} of {maxAttempts}, so the run is not queued again";

    /// <summary>
    /// Whether work may still come to this worker: a QUEUED run it may claim, or a RUNNING run of its experiment under
    /// a lease (which comes back if that worker dies).
    /// </summary>
    public static BsonDocument UnfinishedFilter(QueueFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new BsonDocument("$or", new BsonArray
        {
            new BsonDocument { { "status", "RUNNING" }, { "experiment.name", filter.Experiment }, { LeaseExpires, new BsonDocument("$exists", true) } },
            ClaimFilter(filter),
        });
    }
}
