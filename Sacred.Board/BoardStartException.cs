using System;

namespace Sacred.Board;

/// <summary>The board cannot start: a bad address or token, or the port is taken. The message is one line for the user.</summary>
public sealed class BoardStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="inner">The cause, if any.</param>
    public BoardStartException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
