namespace Sacred.Board.Compare;

/// <summary>One line of a diff: its kind, its 1-based line numbers in the old and new text (where it is), its text.</summary>
internal sealed record DiffLine(DiffKind Kind, int? Old, int? New, string Text);
