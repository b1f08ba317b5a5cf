using System;

namespace Sacred.Storage;

/// <summary>The embedded store cannot be read: missing, not a Sacred store, corrupt, or from a newer Sacred.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line: what, where, why.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public StoreException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
