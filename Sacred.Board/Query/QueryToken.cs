namespace Sacred.Board.Query;

/// <summary>A token of a query with its place in the text.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Value">The word, the operator, or the string's value.</param>
/// <param name="Position">Where it starts.</param>
/// <param name="Length">How many chars of the query it spans (quotes included).</param>
internal sealed record QueryToken(QueryTokenKind Kind, string Value, int Position, int Length)
{
    /// <summary>True for a word equal to <paramref name="keyword"/>, ignoring case.</summary>
    public bool Is(string keyword) => Kind == QueryTokenKind.Word && string.Equals(Value, keyword, System.StringComparison.OrdinalIgnoreCase);
}
