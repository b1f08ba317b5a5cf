namespace Sacred.Mongo.Sync;

/// <summary>What happened to one run.</summary>
internal enum SyncOutcome
{
    /// <summary>Uploaded now.</summary>
    Uploaded,

    /// <summary>Already in MongoDB.</summary>
    AlreadySynced,

    /// <summary>Not settled yet, or another process is uploading it.</summary>
    Waiting,
}
