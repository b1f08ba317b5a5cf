using System.Collections.Generic;

namespace Sacred.Board.Query;

/// <summary>Why a query cannot be read: what is wrong, where, and what would be valid there.</summary>
/// <param name="Message">One line: what, where, and what to write instead.</param>
/// <param name="Position">The offset of the offending text in the query (0-based, UTF-16 chars).</param>
/// <param name="Length">How many chars it spans (at least 1, except at the end of the query).</param>
/// <param name="Expected">What would be valid at <paramref name="Position"/> (fields, operators, value forms).</param>
public sealed record QueryError(string Message, int Position, int Length, IReadOnlyList<string> Expected);
