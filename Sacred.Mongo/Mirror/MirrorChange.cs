using System.Collections.Generic;

namespace Sacred.Mongo.Mirror;

/// <summary>A change made on the board, written to MongoDB before the mirror (see <see cref="MongoMirror.Apply{T}"/>).</summary>
public abstract record MirrorChange
{
    private protected MirrorChange()
    {
    }

    /// <summary>Replaces a run's tags: Omniboard's <c>omniboard.tags</c>.</summary>
    /// <param name="Id">The run.</param>
    /// <param name="Tags">The tags, already normalised.</param>
    public sealed record SetTags(long Id, IReadOnlyList<string> Tags) : MirrorChange;

    /// <summary>Replaces a run's notes: Omniboard's <c>omniboard.notes</c> (removed when null).</summary>
    /// <param name="Id">The run.</param>
    /// <param name="Notes">The notes, or null.</param>
    public sealed record SetNotes(long Id, string? Notes) : MirrorChange;

    /// <summary>Adds and removes tags on several runs.</summary>
    /// <param name="Ids">The runs.</param>
    /// <param name="Add">Tags to add.</param>
    /// <param name="Remove">Tags to remove.</param>
    public sealed record ChangeTags(IReadOnlyList<long> Ids, IReadOnlyList<string> Add, IReadOnlyList<string> Remove) : MirrorChange;

    /// <summary>Deletes runs with their metrics, output, artifacts and the sources no other run uses.</summary>
    /// <param name="Ids">The runs.</param>
    public sealed record Delete(IReadOnlyList<long> Ids) : MirrorChange;
}
