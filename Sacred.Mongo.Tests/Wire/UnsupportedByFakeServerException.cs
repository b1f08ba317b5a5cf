using System;

namespace Sacred.Mongo.Tests.Wire;

/// <summary>
/// Something the fake server does not implement (a command, a query or update operator): answered as a failed command
/// (<c>ok: 0</c>) whose message names it, so a new use in our code is noticed instead of silently mis-applied.
/// </summary>
public sealed class UnsupportedByFakeServerException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is not supported.</param>
    /// <param name="code">The server error code to answer with (59: CommandNotFound; 2: BadValue).</param>
    public UnsupportedByFakeServerException(string message, int code)
        : base("fake server: " + message) => Code = code;

    /// <summary>The server error code.</summary>
    public int Code { get; }
}
