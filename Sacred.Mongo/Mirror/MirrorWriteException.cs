using System;

namespace Sacred.Mongo.Mirror;

/// <summary>MongoDB refused (or could not be reached for) a change made on the board; nothing was changed.</summary>
public sealed class MirrorWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MirrorWriteException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">One line: what was refused and why.</param>
    public MirrorWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">One line: what was refused and why.</param>
    /// <param name="innerException">The driver's error.</param>
    public MirrorWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
