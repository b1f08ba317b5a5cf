using System;
using System.Threading;

namespace Sacred.Queue;

/// <summary>
/// Keeps a worker's claim on its run while the run goes: renews the lease every third of its length, on its own
/// thread, whatever the run's heartbeat interval. When the queue says the claim is gone (the worker stalled past its
/// lease and the run was taken back), it calls <c>lost</c> once, so the run can be interrupted instead of running twice.
/// </summary>
public sealed class LeaseRenewer : IDisposable
{
    private readonly IRunQueue _queue;
    private readonly string _runId;
    private readonly string _workerId;
    private readonly TimeSpan _lease;
    private readonly Action<string> _lost;
    private readonly ManualResetEventSlim _stop = new(false);
    private readonly Thread _thread;

    /// <summary>Starts renewing.</summary>
    /// <param name="queue">The queue the run was claimed from.</param>
    /// <param name="runId">The claimed run.</param>
    /// <param name="workerId">The worker.</param>
    /// <param name="lease">The lease length.</param>
    /// <param name="lost">Called once, with the reason, when the claim is lost.</param>
    public LeaseRenewer(IRunQueue queue, string runId, string workerId, TimeSpan lease, Action<string> lost)
    {
        _queue = queue;
        _runId = runId;
        _workerId = workerId;
        _lease = lease;
        _lost = lost;
        _thread = new Thread(Loop) { IsBackground = true, Name = "sacred-lease" };
        _thread.Start();
    }

    /// <summary>Stops renewing (the run has ended).</summary>
    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }

    private void Loop()
    {
        var failures = 0;
        while (!_stop.Wait(_lease / 3))
        {
            try
            {
                if (!_queue.RenewLease(_runId, _workerId, _lease))
                {
                    _lost($"run {_runId} is no longer held by this worker: its lease expired and the queue took it back");
                    return;
                }

                failures = 0;
            }
            catch (QueueUnavailableException e)
            {
                // A busy or briefly unreachable store: the next renewal may still come in time.
                if (++failures == 3)
                {
                    _lost($"cannot renew the lease of run {_runId}: {e.Message}");
                    return;
                }
            }
        }
    }
}
