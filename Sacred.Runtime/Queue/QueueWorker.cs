using System;
using System.Threading;
using Microsoft.Extensions.Logging;
using Sacred.Logging;

namespace Sacred.Queue;

/// <summary>
/// A worker's loop: take back expired claims, claim the next run, run it while a <see cref="LeaseRenewer"/> holds
/// the claim, and again; when nothing waits, poll, or exit with <c>--exit-when-empty</c> once no run of the
/// experiment is queued or held by another worker. An interruption (Ctrl-C, SIGTERM) ends the current run as it ends
/// a normal run, and the worker claims nothing more.
/// </summary>
internal static class QueueWorker
{
    private const string Category = "worker";

    /// <summary>Runs the loop; returns 0 when the queue is done with it, 130 when interrupted.</summary>
    /// <param name="queue">Where runs wait.</param>
    /// <param name="filter">Which runs this worker takes.</param>
    /// <param name="options">Lease, polling, attempts, exit when empty.</param>
    /// <param name="workerId">This worker's id.</param>
    /// <param name="log">Where the worker's own lines go.</param>
    /// <param name="stop">Cancelled by Ctrl-C or SIGTERM.</param>
    /// <param name="runClaim">Runs one claimed run (its stop token is cancelled also when the claim is lost); returns its exit code.</param>
    public static int Run(
        IRunQueue queue, QueueFilter filter, WorkerOptions options, string workerId, LogSink log, CancellationToken stop, Func<QueuedRunClaim, CancellationToken, int> runClaim)
    {
        var ran = 0;
        var announced = false;
        while (!stop.IsCancellationRequested)
        {
            var recovered = queue.RecoverExpired(options.MaxAttempts);
            if (!announced)
            {
                // Said once the queue has answered: a queue that cannot be reached is the one line the worker prints.
                log.Write(LogLevel.Information, Category, $"Worker {workerId} takes the queued runs of '{filter.Experiment}' ({(filter.Sources is null ? "any build" : "this build's sources only")}) from {queue.Name}");
                announced = true;
            }

            if (recovered > 0)
            {
                log.Write(LogLevel.Warning, Category, $"Took back {recovered} run(s) whose worker stopped renewing its lease");
            }

            var claim = queue.TryClaim(filter, workerId, options.Lease);
            if (claim is null)
            {
                if (options.ExitWhenEmpty && !queue.HasUnfinished(filter))
                {
                    log.Write(LogLevel.Information, Category, $"No queued run left; worker {workerId} exits after {ran} run(s)");
                    return 0;
                }

                stop.WaitHandle.WaitOne(options.Poll);
                continue;
            }

            log.Write(LogLevel.Information, Category, $"Worker {workerId} claimed run {claim.RunId} (attempt {claim.Attempt})");
            using (var runStop = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                using (new LeaseRenewer(queue, claim.RunId, workerId, options.Lease, reason =>
                {
                    log.Write(LogLevel.Error, Category, reason + "; interrupting it");
                    runStop.Cancel();
                }))
                {
                    runClaim(claim, runStop.Token);
                }
            }

            ran++;
        }

        log.Write(LogLevel.Warning, Category, $"Worker {workerId} interrupted after {ran} run(s); it claims nothing more");
        return 130;
    }
}
