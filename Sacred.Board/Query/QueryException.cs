using System;

namespace Sacred.Board.Query;

/// <summary>A query that cannot be read; <see cref="Error"/> says why and where.</summary>
public sealed class QueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">The error.</param>
    public QueryException(QueryError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>What is wrong and where.</summary>
    public QueryError Error { get; }
}
