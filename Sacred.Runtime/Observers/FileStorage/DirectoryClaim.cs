namespace Sacred.Observers.FileStorage;

/// <summary>What an exclusive directory creation found.</summary>
internal enum DirectoryClaim
{
    /// <summary>This call created the directory.</summary>
    Created,

    /// <summary>Something already had that name (another process may have won the race).</summary>
    AlreadyExists,

    /// <summary>Creation failed for another reason (permissions, missing parent, read-only file system).</summary>
    Failed,
}
