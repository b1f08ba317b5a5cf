namespace Sacred.Board.Compare;

/// <summary>What a line of a diff is.</summary>
internal enum DiffKind
{
    /// <summary>In both texts.</summary>
    Equal,

    /// <summary>Only in the new text.</summary>
    Added,

    /// <summary>Only in the old text.</summary>
    Removed,

    /// <summary>A run of equal lines left out; the text says how many.</summary>
    Skipped,
}
