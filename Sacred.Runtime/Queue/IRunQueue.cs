using System;

namespace Sacred.Queue;

/// <summary>
/// Where QUEUED runs wait for workers (<c>EXE worker</c>): the embedded store on one machine
/// (<see cref="EmbeddedStoreQueue"/>), MongoDB across machines. Every method is one atomic step of the store, so
/// any number of workers in any number of processes may share one queue: a run is claimed by exactly one of them,
/// and a run whose worker died (its lease expired) is queued again, never lost. An implementation is used from one
/// worker at a time but from two of its threads (the run loop and the lease renewer), so it locks what it must.
/// </summary>
public interface IRunQueue : IDisposable
{
    /// <summary>A short description for messages, e.g. <c>embedded store /data/runs</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Claims the next QUEUED run that <paramref name="filter"/> accepts, highest priority first, then oldest, in one
    /// atomic update: QUEUED → RUNNING, <paramref name="workerId"/> as its worker, its lease until now +
    /// <paramref name="lease"/>, its attempts counted. Returns null when no run waits.
    /// </summary>
    /// <param name="filter">Which runs this worker may run.</param>
    /// <param name="workerId">The claiming worker (<see cref="WorkerId"/>).</param>
    /// <param name="lease">How long the claim holds without a renewal.</param>
    /// <returns>The claimed run, or null.</returns>
    QueuedRunClaim? TryClaim(QueueFilter filter, string workerId, TimeSpan lease);

    /// <summary>
    /// Whether the queue still has work that may come to this worker: a QUEUED run <paramref name="filter"/> accepts,
    /// or a RUNNING run of the experiment held by a worker under a lease (it comes back if that worker dies).
    /// </summary>
    /// <param name="filter">Which runs this worker may run.</param>
    /// <returns>True while a worker that exits when the queue is empty should keep waiting.</returns>
    bool HasUnfinished(QueueFilter filter);

    /// <summary>Extends the lease of a run the worker holds (or has just finished); false when it no longer holds it (its lease expired and the queue took the run back).</summary>
    /// <param name="runId">The claimed run.</param>
    /// <param name="workerId">The worker.</param>
    /// <param name="lease">The new lease, from now.</param>
    /// <returns>Whether the worker still holds the run.</returns>
    bool RenewLease(string runId, string workerId, TimeSpan lease);

    /// <summary>Records a claimed run that could not start (its stored command line no longer applies) as FAILED, with <paramref name="reason"/> as its trace.</summary>
    /// <param name="runId">The claimed run.</param>
    /// <param name="workerId">The worker.</param>
    /// <param name="reason">One line: why it could not start.</param>
    void FailClaim(string runId, string workerId, string reason);

    /// <summary>
    /// Takes back the runs whose lease expired (their worker was killed or lost): each is queued again with what its
    /// dead attempt had recorded cleared, or, once it has been claimed <paramref name="maxAttempts"/> times, recorded as
    /// FAILED with a trace that says so. Returns how many runs it took back.
    /// </summary>
    /// <param name="maxAttempts">The most claims a run gets.</param>
    /// <returns>The number of runs queued again or failed.</returns>
    int RecoverExpired(int maxAttempts);
}
