using System;
using System.IO;
using Microsoft.Data.Sqlite;
using Sacred.Recording;
using Sacred.Storage;
using Sacred.Storage.Reading;
using Sacred.Storage.Writing;

namespace Sacred.Observers;

/// <summary>
/// The default recorder: writes runs to an embedded store, a folder holding <c>runs.db</c> (SQLite in WAL mode,
/// safe for many processes at once) and content-addressed <c>files/</c> for sources and artifacts. Read it back with
/// <see cref="RunStore"/>.
/// <list type="bullet">
/// <item>Run ids are integers allocated by SQLite inside the inserting transaction, so concurrent processes never
/// collide. An id given with <c>-i</c> (or by a higher-priority observer) is used as is: digits become the numeric
/// id; other text is kept as the run's custom id (<see cref="RunSummary.CustomId"/>, <see cref="RunStore.FindRun"/>)
/// next to a fresh numeric id, and is what <see cref="StartedEvent"/> returns. An id that is already taken fails the
/// start, except that starting a QUEUED run by its id claims that run.</item>
/// <item>Every event is one transaction: an event that throws (disk full, ...) leaves nothing half-written and
/// can be sent again. A heartbeat appends only the new output and metric points (O(new data)) and is durable
/// when it returns.</item>
/// </list>
/// </summary>
public sealed class EmbeddedStoreObserver : IRunObserver
{
    /// <summary>Above MongoDB (30) and FileStorage (20), so the store's id becomes the run's id.</summary>
    public const int DefaultPriority = 50;

    private SqliteConnection? _connection;
    private RunWriter? _run;
    private bool _claimLost;

    /// <summary>Creates the observer; nothing is touched until <see cref="Open"/>.</summary>
    /// <param name="directory">The store folder (<c>--store DIR</c>, <c>SACRED_STORE</c>, or <c>./sacred_runs</c>); created if missing.</param>
    public EmbeddedStoreObserver(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The store folder, absolute.</summary>
    public string Directory { get; }

    /// <summary>
    /// The id of the queue worker that claimed the run this observer starts (<c>EXE worker</c>): the start then takes
    /// over that RUNNING run instead of refusing its id as taken. Null for a run that was not claimed from the queue.
    /// </summary>
    public string? ClaimedBy { get; init; }

    /// <summary>The numeric id of the recorded run, once started or queued.</summary>
    public long? RunId => _run?.RunId;

    /// <inheritdoc />
    public string Name => "embedded store " + Directory;

    /// <inheritdoc />
    public int Priority => DefaultPriority;

    /// <summary>
    /// Creates the folder and the database if needed, or checks that the existing database is a Sacred store (a
    /// foreign or corrupt file is left untouched) and upgrades an older schema.
    /// </summary>
    /// <exception cref="ObserverUnavailableException">The folder cannot be created or written, or the database is foreign, corrupt or newer.</exception>
    public void Open()
    {
        if (_connection is not null)
        {
            return;
        }

        try
        {
            // A run's heartbeats need not wait for the disk: a killed process loses nothing that was committed, and
            // the final commit (RunWriter.End) and a queued run's start are synced.
            _connection = StoreDatabase.OpenForWriting(Directory, syncEachCommit: false);
        }
        catch (StoreException e)
        {
            throw new ObserverUnavailableException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public string? QueuedEvent(RunStartedEvent run) => Start(run, queued: true);

    /// <inheritdoc />
    public string? StartedEvent(RunStartedEvent run) => Start(run, queued: false);

    /// <inheritdoc />
    public void HeartbeatEvent(HeartbeatEvent beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        Record("a heartbeat", beat, static (run, b) => run.Heartbeat(b));
    }

    /// <inheritdoc />
    public void ArtifactEvent(ArtifactEvent artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        Record($"artifact '{artifact.Name}'", artifact, static (run, a) => run.AddArtifact(a));
    }

    /// <inheritdoc />
    public void ResourceEvent(ResourceEvent resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        Record($"resource {resource.Path}", resource, static (run, r) => run.AddResource(r));
    }

    /// <inheritdoc />
    public void EndedEvent(RunEndedEvent end)
    {
        ArgumentNullException.ThrowIfNull(end);
        Record($"the end of the run ({end.Status})", end, static (run, e) => run.End(e));
    }

    /// <inheritdoc />
    /// <remarks>A run this observer inserted is deleted; a QUEUED run it had claimed is recorded as FAILED with the
    /// reason, as its queued record was overwritten by the start.</remarks>
    public void AbandonStart(string reason)
    {
        var run = _run ?? throw new InvalidOperationException($"{Name}: no run was started or queued.");
        if (run.ClaimedQueued)
        {
            EndedEvent(new RunEndedEvent(DateTime.UtcNow, RunStatus.Failed, null, [reason + "\n"]));
        }
        else
        {
            Record("the undoing of the start", run, static (writer, _) => writer.Discard());
        }

        _run = null;
    }

    /// <inheritdoc />
    public void Close()
    {
        _run = null;
        _connection?.Dispose();
        _connection = null;
    }

    private string Start(RunStartedEvent run, bool queued)
    {
        ArgumentNullException.ThrowIfNull(run);
        var connection = _connection ?? throw new InvalidOperationException($"{Name}: Open() was not called.");
        try
        {
            _run = RunWriter.Start(connection, new ContentStore(Directory), run, queued, ClaimedBy);
        }
        catch (StoreException e)
        {
            throw new ObserverUnavailableException($"{Name}: {e.Message}", e);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new ObserverUnavailableException($"{Name}: cannot record the {(queued ? "queued" : "started")} run: {e.Message}", e);
        }

        return run.Id is { } given && RunIds.ParseNumeric(given) is null ? given : RunIds.Format(_run.RunId);
    }

    private void Record<T>(string what, T item, Action<RunWriter, T> write)
    {
        var run = _run ?? throw new InvalidOperationException($"{Name}: no run was started or queued.");
        if (_claimLost)
        {
            return;
        }

        try
        {
            write(run, item);
        }
        catch (RunNoLongerHeldException e)
        {
            // Said once; the worker's lease renewer interrupts the run.
            _claimLost = true;
            throw new ObserverUnavailableException($"{Name}: {e.Message}", e);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new ObserverUnavailableException($"{Name}: cannot record {what}: {e.Message}", e);
        }
    }
}
