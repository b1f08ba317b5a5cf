using System;

namespace Sacred.Mongo.Mirror;

/// <summary>Where a <see cref="MongoMirror"/> stands: what it mirrors, when it last pulled, and what went wrong since.</summary>
/// <param name="Source">The database mirrored, without credentials: <c>mongodb://host:27017/sacred</c>.</param>
/// <param name="LastPulled">When the last pass that reached the server ended (UTC), or null when none has yet.</param>
/// <param name="Problem">Why the last pass failed (the server is unreachable, ...), or null when it succeeded.</param>
/// <param name="Runs">How many runs the mirror holds.</param>
/// <param name="Unreadable">Which runs' documents could not be imported and why (one line), or null when all could.</param>
public sealed record MirrorStatus(string Source, DateTime? LastPulled, string? Problem, int Runs, string? Unreadable);
