using System;
using Sacred.Mongo.Mirror;

namespace Sacred.Board;

/// <summary>How <see cref="BoardServer"/> serves a store.</summary>
public sealed record BoardOptions
{
    /// <summary>The port <c>sacred board</c> uses when none is given (Omniboard's).</summary>
    public const int DefaultPort = 9000;

    /// <summary>The store folder to show.</summary>
    public required string StoreDirectory { get; init; }

    /// <summary>The address to listen on: loopback (127.0.0.1) by default; any other address requires a token.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one (read it back from <see cref="BoardServer.Url"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// The secret a browser must present (once in the URL, then as a cookie). Null on loopback: none needed; null on
    /// any other address: one is generated (see <see cref="BoardServer.Token"/>).
    /// </summary>
    public string? Token { get; init; }

    /// <summary>True: tags, notes and deleting runs are turned off.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>How stale a RUNNING run's heartbeat must be to show as PROBABLY_DEAD.</summary>
    public TimeSpan DeadAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The MongoDB mirror whose store (<see cref="MongoMirror.StoreDirectory"/>) this board serves, or null for an
    /// ordinary store. With one, the page says what it mirrors and when it last pulled, and tags, notes and deletions
    /// go to MongoDB first (see <see cref="MongoMirror.Apply{T}"/>).
    /// </summary>
    public MongoMirror? Mirror { get; init; }
    /// <summary>Where to look for the <c>tensorboard</c> command (a PATH-style list); null: the PATH environment variable.</summary>
    public string? ToolPath { get; init; }
}
