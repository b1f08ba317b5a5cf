using System;

namespace Sacred.Tool.Rerun;

/// <summary>A recorded run cannot be rebuilt or run again; the message says what is missing, in one line.</summary>
public sealed class RerunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RerunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RerunException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RerunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
