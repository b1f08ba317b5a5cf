using System;

namespace Sacred.CommandLine;

/// <summary>
/// A command line that cannot be run: an unknown key, command, named config or flag, a bad value. The host prints
/// <c>error: </c> and the message as one line on stderr and exits with code 2; nothing runs.
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The one-line message, without the <c>error: </c> prefix.</param>
    public UsageException(string message)
        : base(message)
    {
    }
}
