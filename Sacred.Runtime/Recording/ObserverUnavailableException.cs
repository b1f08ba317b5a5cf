using System;

namespace Sacred.Recording;

/// <summary>An observer cannot record the run (folder not writable, database corrupt or foreign, disk full).</summary>
public sealed class ObserverUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line: what, where, why, and what would work.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ObserverUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
