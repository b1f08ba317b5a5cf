using System;

namespace Sacred.Queue;

/// <summary>The queue's store cannot be opened or written; the message is one line saying where and why.</summary>
public sealed class QueueUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, where, and why.</param>
    /// <param name="inner">The cause.</param>
    public QueueUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
