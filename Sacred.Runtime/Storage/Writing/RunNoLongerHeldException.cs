using System;
using System.Globalization;

namespace Sacred.Storage.Writing;

/// <summary>
/// A worker's write into the run it claimed found the run no longer its own: the worker stalled past its lease,
/// the queue took the run back (and another worker may run it now). Nothing of the write was recorded.
/// </summary>
internal sealed class RunNoLongerHeldException : Exception
{
    public RunNoLongerHeldException(long runId, string workerId)
        : base($"run {runId.ToString(CultureInfo.InvariantCulture)} is no longer held by worker {workerId}: it stalled past its lease and the queue took the run back, so this worker writes nothing more into it")
    {
    }
}
