using System;

namespace Sacred.Configuration;

/// <summary>
/// An UPDATE that cannot be applied: an unknown or derived key, a value of the wrong type, an unknown named config,
/// an updates file that cannot be read. Like a bad flag, it is a usage error: one <c>error:</c> line on stderr,
/// exit code 2, nothing runs.
/// </summary>
public sealed class ConfigUpdateException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The one-line message (what, where, did-you-mean, valid values), without the <c>error: </c> prefix.</param>
    public ConfigUpdateException(string message)
        : base(message)
    {
    }
}
