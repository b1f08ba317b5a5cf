using System;
using Sacred.Recording;

namespace Sacred.Queue;

/// <summary>
/// The queue across machines, <c>EXE worker -m URL</c>: runs queued in MongoDB with <c>-q -m</c>. It lives in the optional
/// Sacred.Mongo assembly beside the <c>-m</c> observer; the worker finds it on the factory the generator already hands
/// over (<see cref="Generated.ExperimentDefinition{TState}.MongoObservers"/>), so no reflection is needed.
/// </summary>
public interface IMongoRunQueueFactory
{
    /// <summary>Opens the queue in the runs collection at <paramref name="target"/>; nothing is connected yet.</summary>
    /// <param name="target">The address as <c>-m</c> takes it.</param>
    /// <returns>The queue; its first step fails with <see cref="QueueUnavailableException"/> when no server answers.</returns>
    /// <exception cref="QueueUnavailableException">The address is not valid (one line saying which forms are).</exception>
    IRunQueue OpenQueue(string target);

    /// <summary>
    /// The observer that records a claimed run into its own queued document (the same <c>_id</c>, no second document),
    /// every write guarded by this worker's claim, each heartbeat renewing its lease.
    /// </summary>
    /// <param name="target">The address the run was claimed from.</param>
    /// <param name="claim">The claimed run.</param>
    /// <param name="workerId">The worker holding the claim.</param>
    /// <param name="lease">The lease each write renews.</param>
    /// <param name="storeDirectory">The embedded store that records the same run on this machine, or null.</param>
    /// <param name="warn">Writes one warning line to the run's log.</param>
    /// <returns>The observer.</returns>
    IRunObserver ClaimedRunObserver(string target, QueuedRunClaim claim, string workerId, TimeSpan lease, string? storeDirectory, Action<string> warn);
}
