using System;

namespace Sacred.Mongo.Queue;

/// <summary>
/// A guarded write into a claimed run found the run no longer held by this worker: its lease expired and another
/// worker re-queued it. Nothing of the write reached the run.
/// </summary>
public sealed class ClaimLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which run, and why it is no longer this worker's.</param>
    public ClaimLostException(string message)
        : base(message)
    {
    }
}
