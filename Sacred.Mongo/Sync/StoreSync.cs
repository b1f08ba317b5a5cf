using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Recording;
using Sacred.Storage.Reading;

namespace Sacred.Mongo.Sync;

/// <summary>
/// Uploads the runs of an embedded store that are not yet in a MongoDB, each exactly once (<c>sacred sync</c>, and
/// the catch-up a run does in the background once it reaches the server). A run counts once it has ended (or is
/// probably dead); RUNNING and QUEUED runs wait. Safe to run twice or from two machines: the local ledger skips what
/// this store already synced, and MongoDB's <c>sacred_sync</c> collection lets only one uploader claim a run.
/// </summary>
internal sealed class StoreSync
{
    private readonly string _storeDirectory;
    private readonly MongoTarget _target;
    private readonly MongoRunDatabase _database;
    private readonly SyncClaims _claims;

    /// <summary>How long after its end a run recorded live by another process may be taken over.</summary>
    private static readonly TimeSpan s_liveGrace = TimeSpan.FromMinutes(1);

    public StoreSync(string storeDirectory, MongoTarget target, MongoRunDatabase database)
    {
        _storeDirectory = storeDirectory;
        _target = target;
        _database = database;
        _claims = new SyncClaims(database.Database, target);
    }

    /// <summary>Uploads every settled run not yet synced, oldest first; <paramref name="except"/> is left alone (the run in progress).</summary>
    /// <param name="except">A local run id to skip, or null.</param>
    /// <param name="progress">Called after each run.</param>
    /// <returns>One result per run looked at.</returns>
    public List<SyncResult> SyncAll(long? except = null, Action<SyncResult>? progress = null)
    {
        var results = new List<SyncResult>();
        using var store = RunStore.Open(_storeDirectory);
        using var ledger = SyncLedger.Open(store.Directory);
        var offset = 0;
        while (true)
        {
            var page = store.ListRuns(new RunQuery { SortBy = "id", Descending = false, Offset = offset, Limit = 500 });
            foreach (var run in page.Runs)
            {
                if (run.Id == except)
                {
                    continue;
                }

                var result = SyncRun(store, ledger, run, owner: false);
                if (result.Outcome != SyncOutcome.AlreadySynced)
                {
                    progress?.Invoke(result);
                }

                results.Add(result);
            }

            offset += page.Runs.Count;
            if (page.Runs.Count == 0 || offset >= page.TotalCount)
            {
                return results;
            }
        }
    }

    /// <summary>Uploads one run that this process recorded, unless it is synced, unsettled or being uploaded elsewhere.</summary>
    public SyncResult SyncOwn(long runId)
    {
        using var store = RunStore.Open(_storeDirectory);
        using var ledger = SyncLedger.Open(store.Directory);
        var detail = store.GetRun(runId);
        return detail is null
            ? new SyncResult(runId, SyncOutcome.Waiting, null, "no such run")
            : SyncRun(store, ledger, detail.Summary, owner: true);
    }

    private SyncResult SyncRun(RunStore store, SyncLedger ledger, RunSummary run, bool owner)
    {
        if (ledger.SyncedAs(run.Id, _target) is { } synced)
        {
            return new SyncResult(run.Id, SyncOutcome.AlreadySynced, synced, null);
        }

        if (!RunReplay.IsSettled(run))
        {
            return new SyncResult(run.Id, SyncOutcome.Waiting, null, run.Status);
        }

        var key = ledger.Key(run.Id);
        var ended = run.StopTime ?? run.Heartbeat ?? run.StartTime ?? DateTime.MinValue;
        var claim = _claims.TryClaim(key, takeOverLive: owner || ended < DateTime.UtcNow - s_liveGrace);
        switch (claim.Result)
        {
            case SyncClaims.Outcome.Done:
                ledger.MarkSynced(run.Id, _target, claim.RunId!.ToString()!);
                return new SyncResult(run.Id, SyncOutcome.AlreadySynced, claim.RunId.ToString(), null);
            case SyncClaims.Outcome.Busy:
                return new SyncResult(run.Id, SyncOutcome.Waiting, null, "recorded live moments ago, or being uploaded by another process");
        }

        if (claim.RunId is { } partial)
        {
            DeleteRun(partial);
        }

        // An uploader killed after its insert but before it noted the id in sacred_sync left a document that only
        // its sync key names: replace it too, so the run is never in MongoDB twice.
        var runs = _database.Collection(_target.RunsCollection);
        foreach (var orphan in runs.Find(new BsonDocument(SyncKeyedDatabase.Field, key)).Project(new BsonDocument("_id", 1)).ToList())
        {
            DeleteRun(orphan["_id"]);
        }

        var detail = store.GetRun(run.Id) ?? throw new InvalidOperationException($"run {run.Id} disappeared from the store");
        BsonValue? id = null;
        RunReplay.Replay(store, detail, new MongoRunSession(new SyncKeyedDatabase(_database, key), _target), claim.RunId, inserted =>
        {
            id = inserted;
            _claims.Uploading(key, inserted);
        });
        _claims.Done(key, id!);
        ledger.MarkSynced(run.Id, _target, id!.ToString()!);
        return new SyncResult(run.Id, SyncOutcome.Uploaded, id.ToString(), null);
    }

    /// <summary>Removes what a partial upload of a run left: its document, metrics, output and artifacts (sources are shared, so they stay).</summary>
    private void DeleteRun(BsonValue id)
    {
        _database.Collection(_target.RunsCollection).DeleteOne(new BsonDocument("_id", id));
        _database.Collection(_target.MetricsCollection).DeleteMany(new BsonDocument("run_id", id));
        _database.Collection(MongoRunRecord.OutputCollectionOf(_target)).DeleteMany(new BsonDocument("run_id", id));
        var files = _database.Collection(GridFsFile.FilesCollection);
        var prefix = "^" + Regex.Escape($"artifact://{_target.RunsCollection}/{id}/");
        foreach (var file in files.Find(new BsonDocument("filename", new BsonRegularExpression(prefix))).Project(new BsonDocument("_id", 1)).ToList())
        {
            _database.Collection(GridFsFile.ChunksCollection).DeleteMany(new BsonDocument("files_id", file["_id"]));
            files.DeleteOne(new BsonDocument("_id", file["_id"]));
        }
    }
}
