using System.Collections.Generic;
using System.Globalization;

namespace Sacred.Storage;

/// <summary>What a database file says about itself, read before anything is written to it.</summary>
/// <param name="ApplicationId"><c>PRAGMA application_id</c>.</param>
/// <param name="Version"><c>PRAGMA user_version</c>.</param>
/// <param name="Tables">The names of its tables, in order.</param>
internal sealed record StoreInspection(int ApplicationId, int Version, IReadOnlyList<string> Tables)
{
    /// <summary>A new (or zero-length) file: nothing in it yet, so it may become a store.</summary>
    public bool IsEmpty => ApplicationId == 0 && Version == 0 && Tables.Count == 0;

    /// <summary>A Sacred store, of any version.</summary>
    public bool IsOurs => ApplicationId == StoreSchema.ApplicationId;

    /// <summary>Why a file that is neither empty nor ours is refused.</summary>
    public string DescribeForeign() =>
        Tables.Count > 0
            ? "found tables: " + string.Join(", ", Tables)
            : "found no tables, application id 0x" + ApplicationId.ToString("x8", CultureInfo.InvariantCulture);
}
