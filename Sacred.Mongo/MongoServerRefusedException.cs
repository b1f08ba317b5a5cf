using System;
using MongoDB.Driver;

namespace Sacred.Mongo;

/// <summary>
/// No server of a MongoDB address can be reached at all: every one refused the connection, or its host name does not
/// resolve. A <see cref="MongoException"/>, so every place that handles a lost server handles this one too.
/// </summary>
public sealed class MongoServerRefusedException : MongoClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming each server and why it cannot be reached.</param>
    public MongoServerRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">One line naming each server and why it cannot be reached.</param>
    /// <param name="innerException">The socket error.</param>
    public MongoServerRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
