namespace Sacred.Board.Query;

/// <summary>The kinds of <see cref="QueryToken"/>.</summary>
internal enum QueryTokenKind
{
    /// <summary>A bare word: a field, a keyword, a number, a date, a duration or unquoted text.</summary>
    Word,

    /// <summary>A quoted string (its value has the escapes applied).</summary>
    Text,

    /// <summary>One of <c>= == != &lt; &lt;= &gt; &gt;= ~ !~</c>.</summary>
    Operator,

    /// <summary><c>(</c></summary>
    Open,

    /// <summary><c>)</c></summary>
    Close,

    /// <summary><c>,</c></summary>
    Comma,

    /// <summary><c>..</c> between the two ends of a range.</summary>
    Range,

    /// <summary>The end of the query.</summary>
    End,
}
