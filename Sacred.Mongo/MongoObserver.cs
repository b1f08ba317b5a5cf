using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Queue;
using Sacred.Mongo.Recording;
using Sacred.Mongo.Sync;
using Sacred.Recording;
using Sacred.Storage.Reading;

namespace Sacred.Mongo;

/// <summary>
/// Records runs into MongoDB as Python Sacred's MongoObserver does (<c>-m</c>): the same <c>runs</c>, <c>metrics</c>
/// and GridFS documents, ids allocated as Sacred allocates them, so Omniboard shows our runs and Python Sacred's side
/// by side. Heartbeats send only what is new. Nothing is lost while the server is away: the embedded store, which
/// records the same run, keeps the complete record. A server that cannot be reached at the start, or is lost during
/// the run, never stops or slows the run: this observer says so once and stands down, and the run waits for
/// <c>sacred sync</c> (or for the next run that reaches the server, which uploads the runs that wait in the
/// background). A run recorded here to its end is marked synced, so it is never uploaded twice.
/// </summary>
public sealed class MongoObserver : ISharedQueueObserver
{
    /// <summary>Sacred's MongoObserver priority.</summary>
    public const int DefaultPriority = 30;

    private static readonly TimeSpan s_catchUpWait = TimeSpan.FromSeconds(10);

    private readonly MongoTarget _target;
    private readonly string? _storeDirectory;
    private readonly Action<string> _warn;
    private MongoRunDatabase? _database;
    private MongoRunSession? _session;
    private long? _localId;
    private string? _syncKey;
    private bool _offline;
    private bool _lostDuringRun;
    private DateTime? _lostAt;
    private int _missedBeats;
    private int _missedArtifacts;
    private bool _missedEnd;
    private Thread? _catchUp;
    private (BsonValue Id, RunClaimGuard Guard)? _claim;

    /// <summary>Creates the observer; nothing is connected before the run starts.</summary>
    /// <param name="target">Where to record.</param>
    /// <param name="storeDirectory">The embedded store recording the same run, or null.</param>
    /// <param name="warn">Writes one warning line to the run's log.</param>
    public MongoObserver(MongoTarget target, string? storeDirectory, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(warn);
        _target = target;
        _storeDirectory = storeDirectory;
        _warn = warn;
    }

    /// <summary>
    /// An observer for a run a worker claimed from the MongoDB queue (<c>worker -m</c>): the run is recorded into its
    /// queued document, under the same <c>_id</c>, while the worker holds it. Any write that finds the run no longer
    /// this worker's (its lease expired and it was re-queued) is not made, and nothing more is written; a run whose
    /// server is lost is not uploaded again from the embedded store, since its claim expires and the run is re-queued.
    /// </summary>
    /// <param name="target">Where the run was claimed.</param>
    /// <param name="claimedId">The claimed run's <c>_id</c>.</param>
    /// <param name="workerId">The worker holding the claim.</param>
    /// <param name="lease">The lease each event's first write renews.</param>
    /// <param name="storeDirectory">The embedded store recording the same run on this machine, or null.</param>
    /// <param name="warn">Writes one warning line to the run's log.</param>
    public MongoObserver(MongoTarget target, string claimedId, string workerId, TimeSpan lease, string? storeDirectory, Action<string> warn)
        : this(target, storeDirectory, warn)
    {
        ArgumentNullException.ThrowIfNull(claimedId);
        ArgumentNullException.ThrowIfNull(workerId);
        _claim = (MongoRunIds.Parse(claimedId), new RunClaimGuard(workerId, lease));
    }

    /// <inheritdoc/>
    public string Name => "MongoDB " + _target;

    /// <inheritdoc/>
    public int Priority => DefaultPriority;

    /// <summary>The run's <c>_id</c> in MongoDB, once recorded there.</summary>
    public string? MongoId => _session?.Id?.ToString();

    /// <summary>True once the server was found unreachable (at the start or during the run).</summary>
    public bool IsOffline => _offline;

    /// <inheritdoc/>
    /// <remarks>Connects nothing: a server that cannot be reached must not stop the run.</remarks>
    public void Open()
    {
    }

    /// <inheritdoc/>
    public string? QueuedEvent(RunStartedEvent run) => Start(run, queued: true);

    /// <inheritdoc/>
    public string? StartedEvent(RunStartedEvent run) => Start(run, queued: false);

    /// <inheritdoc/>
    public void HeartbeatEvent(HeartbeatEvent beat) => Guard(session => session.Heartbeat(beat), () => _missedBeats++);

    /// <inheritdoc/>
    public void ArtifactEvent(ArtifactEvent artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        Guard(
            session =>
            {
                using var content = File.OpenRead(artifact.Path);
                session.Artifact(artifact, content);
            },
            () => _missedArtifacts++);
    }

    /// <inheritdoc/>
    public void ResourceEvent(ResourceEvent resource) => Guard(session => session.Resource(resource));

    /// <inheritdoc/>
    public void EndedEvent(RunEndedEvent end)
    {
        Guard(session => session.End(end), () => _missedEnd = true);
        if (!_offline && _session?.Id is { } id && _localId is { } local && _storeDirectory is not null)
        {
            Guard(_ =>
            {
                if (_syncKey is not null)
                {
                    new SyncClaims(_database!.Database, _target).Done(_syncKey, id);
                }

                using var ledger = SyncLedger.Open(_storeDirectory);
                ledger.MarkSynced(local, _target, id.ToString()!);
            });
        }
    }

    /// <inheritdoc/>
    /// <remarks>The run document this observer inserted is deleted.</remarks>
    public void AbandonStart(string reason)
    {
        // A claimed run's document is the queue's: its lease expires and it is queued again.
        if (_claim is null && !_offline && _session?.Id is { } id && _database is not null)
        {
            _database.Collection(_target.RunsCollection).DeleteOne(new BsonDocument("_id", id));
        }

        _session = null;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A run that lost the server midway tries once more to upload itself whole from the embedded store; the
    /// background upload of earlier runs is given a few seconds to finish (an upload cut short is taken over and
    /// replaced by the next sync).
    /// </remarks>
    public void Close()
    {
        if (_lostDuringRun && _localId is { } local && _storeDirectory is not null && !TryUploadWhole(local, _storeDirectory))
        {
            _warn(LostSummary(local));
        }

        _catchUp?.Join(s_catchUpWait);
    }

    private string? Start(RunStartedEvent run, bool queued)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_claim is { } claim && !queued)
        {
            return TakeOver(run, claim.Id, claim.Guard);
        }

        var givenId = MongoRunSession.GivenId(run);
        try
        {
            _database = MongoRunDatabase.Connect(_target);
            _localId = LocalRunId(run.Id);
            if (!queued && _localId is { } stored && _storeDirectory is not null)
            {
                using var ledger = SyncLedger.Open(_storeDirectory);
                _syncKey = ledger.Key(stored);
            }

            // The document carries its sync key from its insert: a process killed before the note in sacred_sync
            // below leaves a document that sync finds and replaces, not one it uploads a second copy beside.
            _session = new MongoRunSession(_syncKey is null ? _database : new SyncKeyedDatabase(_database, _syncKey), _target);
            var id = _session.Start(run, queued, givenId);
            if (_syncKey is not null && _localId is { } local)
            {
                new SyncClaims(_database.Database, _target).Live(_syncKey, id);
                StartCatchUp(local);
            }

            return id.ToString();
        }
        catch (MongoWriteException e) when (e.WriteError?.Category == ServerErrorCategory.DuplicateKey && givenId is not null)
        {
            throw new ObserverUnavailableException($"{Name}: the run id {givenId} given with -i is taken; give another or leave -i out", e);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ObserverUnavailableException))
        {
            if (queued)
            {
                QueueElsewhere(e);
            }
            else
            {
                StandDown(e, duringRun: false);
            }

            return null;
        }
    }

    /// <summary>
    /// Starts a claimed run in its queued document. The local record is one attempt of that run, so it is marked as
    /// synced to it and <c>sacred sync</c> never uploads it as a run of its own. A claimed run that cannot be recorded
    /// does not run here (it goes back to the queue when its lease expires).
    /// </summary>
    private string TakeOver(RunStartedEvent run, BsonValue id, RunClaimGuard guard)
    {
        try
        {
            _database = MongoRunDatabase.Connect(_target);
            _session = new MongoRunSession(_database, _target);
            _session.TakeOver(run, id, guard);
            _localId = LocalRunId(run.Id);
            if (_localId is { } local && _storeDirectory is not null)
            {
                using var ledger = SyncLedger.Open(_storeDirectory);
                ledger.MarkSynced(local, _target, id.ToString()!);
            }

            return MongoRunIds.Format(id);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ObserverUnavailableException($"{Name}: cannot start the claimed run {id}: {FirstLine(e.Message)}", e);
        }
    }

    private void Guard(Action<MongoRunSession> write, Action? missed = null)
    {
        if (_offline || _session is not { } session)
        {
            if (_lostDuringRun)
            {
                missed?.Invoke();
            }

            return;
        }

        try
        {
            write(session);
        }
        catch (ClaimLostException e)
        {
            _offline = true;
            _warn($"{e.Message}; this worker writes nothing more into it, and stops it");
        }
        catch (Exception e) when (_claim is not null && e is not OutOfMemoryException)
        {
            // Uploading this attempt whole later would make a second run: its claim expires and the run is queued again.
            _offline = true;
            _warn($"MongoDB {_target} was lost during claimed run {_claim.Value.Id} ({FirstLine(e.Message)}); this worker writes nothing more into it, and its lease expires so that another worker runs it again");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A write that failed may have been half done: stand down and let the upload from the embedded store
            // replace this run whole, rather than retry into a document we no longer know the state of.
            StandDown(e, duringRun: true);
            if (_lostDuringRun)
            {
                missed?.Invoke();
            }
        }
    }

    /// <summary>Uploads the run whole from the embedded store; false when the server is still away.</summary>
    private bool TryUploadWhole(long local, string store)
    {
        try
        {
            var result = new StoreSync(store, _target, MongoRunDatabase.Connect(_target)).SyncOwn(local);
            if (result.Outcome == SyncOutcome.Uploaded)
            {
                _warn($"MongoDB {_target} is back: run {local} was uploaded whole from the embedded store as _id {result.MongoId}.");
            }

            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>What a run that lost its server midway did not send there: the last word on it, at the run's end.</summary>
    private string LostSummary(long local)
    {
        var missed = new List<string>();
        if (_missedBeats > 0)
        {
            missed.Add(_missedBeats == 1 ? "1 heartbeat" : $"{_missedBeats} heartbeats");
        }

        if (_missedArtifacts > 0)
        {
            missed.Add(_missedArtifacts == 1 ? "1 artifact" : $"{_missedArtifacts} artifacts");
        }

        if (_missedEnd)
        {
            missed.Add("the end of the run");
        }

        var document = _session?.Id is { } id ? $"its document _id {id} there" : "its document there";
        var since = _lostAt is { } lost ? " since " + lost.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "";
        var what = missed.Count == 0 ? "nothing more" : string.Join(", ", missed);
        var store = _storeDirectory!;
        return $"MongoDB {_target} is still away at the end of run {local}: {document} stopped{since} ({what} not sent there); "
            + $"the embedded store {store} holds the complete record, and sacred sync --store {store} -m {_target.SafeText} replaces that document whole";
    }

    private void StandDown(Exception e, bool duringRun)
    {
        _offline = true;
        _lostDuringRun = duringRun && _localId is not null;
        _lostAt = DateTime.UtcNow;
        var store = _storeDirectory ?? "./sacred_runs";
        var reason = Reason(e);
        _warn(duringRun
            ? $"MongoDB {_target} was lost during the run ({reason}); the run goes on and the embedded store {store} keeps its complete record, which waits for: sacred sync --store {store} -m {_target.SafeText}"
            : $"MongoDB {_target} cannot be reached ({reason}); the run goes on in the embedded store {store}, and its records wait for: sacred sync --store {store} -m {_target.SafeText} (a later run that reaches the server uploads them too)");
    }

    /// <summary>
    /// A run queued while the server is away waits in the embedded store's queue, which only this machine's workers
    /// see (<c>sacred sync</c> uploads finished runs, never queued ones); with no embedded store it is queued nowhere,
    /// which must not pass in silence.
    /// </summary>
    private void QueueElsewhere(Exception e)
    {
        _offline = true;
        if (_storeDirectory is null)
        {
            throw new ObserverUnavailableException($"{Name} cannot be reached ({Reason(e)}) and no embedded store records this run: it is not queued", e);
        }

        _warn($"MongoDB {_target} cannot be reached ({Reason(e)}); the run is queued in the embedded store {_storeDirectory} only, where a worker of this machine runs it (EXE worker --store {_storeDirectory}); workers with -m do not see it");
    }

    private string Reason(Exception e) => _target.Reason(e);

    private void StartCatchUp(long current)
    {
        var store = _storeDirectory!;
        var database = _database!;
        _catchUp = new Thread(() =>
        {
            try
            {
                new StoreSync(store, _target, database).SyncAll(except: current);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Catching up is opportunistic; `sacred sync` reports what it cannot do.
            }
        })
        {
            IsBackground = true,
            Name = "sacred mongo catch-up",
        };
        _catchUp.Start();
    }

    private long? LocalRunId(string? id)
    {
        if (id is null || _storeDirectory is null)
        {
            return null;
        }

        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        using var store = RunStore.Open(_storeDirectory);
        return store.FindRun(id);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
