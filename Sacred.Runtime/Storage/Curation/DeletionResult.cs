using System.Collections.Generic;

namespace Sacred.Storage.Curation;

/// <summary>What a deletion removed.</summary>
/// <param name="Deleted">The ids of the runs removed.</param>
/// <param name="FilesDeleted">How many stored files were removed.</param>
/// <param name="BytesFreed">Their total size.</param>
/// <param name="FilesKept">Files no run uses any more but kept, because a run starting right now may be about to use them again.</param>
public sealed record DeletionResult(IReadOnlyList<long> Deleted, long FilesDeleted, long BytesFreed, long FilesKept);
