namespace Sacred.Mongo.Sync;

/// <summary>One run's sync.</summary>
/// <param name="RunId">The local id.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="MongoId">Its <c>_id</c> in MongoDB, when it is there.</param>
/// <param name="Reason">Why it waits.</param>
internal sealed record SyncResult(long RunId, SyncOutcome Outcome, string? MongoId, string? Reason);
