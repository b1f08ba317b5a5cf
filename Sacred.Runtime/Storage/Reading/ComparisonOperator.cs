namespace Sacred.Storage.Reading;

/// <summary>How a <see cref="FieldComparison"/> compares a field with a value.</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c>; with null: the field is missing.</summary>
    Equal,

    /// <summary><c>!=</c>; a run without the field counts as different.</summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary>Text containing the value, ignoring ASCII case.</summary>
    Contains,

    /// <summary>Text matching the value as a regular expression (ignoring case, linear time).</summary>
    Matches,
}
