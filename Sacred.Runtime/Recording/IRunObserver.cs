namespace Sacred.Recording;

/// <summary>
/// Receives the events of one run and records them somewhere (the embedded store, a Sacred FileStorage folder,
/// MongoDB). Events arrive on one thread at a time, in Sacred's order: <see cref="Open"/>, then
/// <see cref="QueuedEvent"/> or <see cref="StartedEvent"/>, heartbeats, artifact and resource events, one final
/// heartbeat, one of completed / interrupted / failed, and <see cref="Close"/>; or, when another observer could
/// not start the run, <see cref="AbandonStart"/> and <see cref="Close"/>. An exception from any event but
/// <see cref="Open"/> and <see cref="StartedEvent"/> is reported once and retried at the next event; it never
/// fails the run.
/// </summary>
public interface IRunObserver
{
    /// <summary>A short description for messages, e.g. <c>embedded store ./sacred_runs</c>.</summary>
    string Name { get; }

    /// <summary>Higher first; the first observer that returns an id fixes the run's id. Sacred: Mongo 30, FileStorage 20.</summary>
    int Priority { get; }

    /// <summary>
    /// Checks that the destination can be written, before anything else happens. Throws
    /// <see cref="ObserverUnavailableException"/> with one clear line (what, where, why) when it cannot.
    /// </summary>
    void Open();

    /// <summary>Records a queued run (<c>-q</c>); returns the id it allocated, or null.</summary>
    /// <param name="run">The run as it would start.</param>
    /// <returns>The id, or null.</returns>
    string? QueuedEvent(RunStartedEvent run);

    /// <summary>
    /// Records the start of a run. <see cref="RunStartedEvent.Id"/> is the id fixed by <c>-i</c> or by a
    /// higher-priority observer (null if none yet); the observer must then use it.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>The id the observer used, or null when it allocates none.</returns>
    string? StartedEvent(RunStartedEvent run);

    /// <summary>Records new metric points, completed output lines, info and the current result.</summary>
    /// <param name="beat">What changed since the previous heartbeat.</param>
    void HeartbeatEvent(HeartbeatEvent beat);

    /// <summary>Records an artifact file.</summary>
    /// <param name="artifact">The artifact.</param>
    void ArtifactEvent(ArtifactEvent artifact);

    /// <summary>Records a resource the run opened.</summary>
    /// <param name="resource">The resource.</param>
    void ResourceEvent(ResourceEvent resource);

    /// <summary>Records the end of the run: COMPLETED, INTERRUPTED, TIMEOUT, a custom status, or FAILED with its trace.</summary>
    /// <param name="end">How the run ended.</param>
    void EndedEvent(RunEndedEvent end);

    /// <summary>
    /// Undoes a <see cref="StartedEvent"/> or <see cref="QueuedEvent"/> that succeeded when another observer could
    /// not start the run: the run does not execute, so nothing may stay RUNNING. Called instead of any further
    /// event, before <see cref="Close"/>. The default records the run as FAILED with <paramref name="reason"/> as
    /// its trace (what Sacred does); an observer that can remove what it wrote should do so.
    /// </summary>
    /// <param name="reason">Why the run did not start, one line.</param>
    void AbandonStart(string reason) => EndedEvent(new RunEndedEvent(System.DateTime.UtcNow, RunStatus.Failed, null, [reason + "\n"]));

    /// <summary>Flushes and releases everything; the last call.</summary>
    void Close();
}
