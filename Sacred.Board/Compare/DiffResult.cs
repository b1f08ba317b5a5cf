using System.Collections.Generic;

namespace Sacred.Board.Compare;

/// <summary>A diff as hunks (changes with context and skip markers), with how many lines were added and removed.</summary>
internal sealed record DiffResult(IReadOnlyList<DiffLine> Lines, int Added, int Removed)
{
    /// <summary>True when the texts have the same lines.</summary>
    public bool Identical => Added == 0 && Removed == 0;
}
