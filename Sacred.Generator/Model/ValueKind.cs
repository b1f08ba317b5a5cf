namespace Sacred.Generator.Model;

/// <summary>The config value types the generated command line knows how to parse.</summary>
internal enum ValueKind
{
    Boolean,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    String,
    Enum,
    TimeSpan,
    DateTime,

    /// <summary><c>System.Uri</c>, relative or absolute.</summary>
    Uri,

    /// <summary>
    /// Any other type <c>T</c> implementing <c>IParsable&lt;T&gt;</c> (so <c>ISpanParsable&lt;T&gt;</c>): Guid, DateOnly,
    /// TimeOnly, DateTimeOffset, user types. Parsed with <c>T.TryParse(text, InvariantCulture, out value)</c>, stored
    /// as its invariant text.
    /// </summary>
    Parsable,

    /// <summary>A <see cref="Parsable"/> number (<c>INumberBase&lt;T&gt;</c>): Half, byte, short, uint, ulong, Int128…, stored as a number.</summary>
    ParsableNumber,

    /// <summary><c>List&lt;T&gt;</c>.</summary>
    List,

    /// <summary><c>IList&lt;T&gt;</c>, filled with a <c>List&lt;T&gt;</c>.</summary>
    IList,

    /// <summary><c>IReadOnlyList&lt;T&gt;</c>, filled with a <c>List&lt;T&gt;</c>.</summary>
    IReadOnlyList,

    /// <summary><c>T[]</c>.</summary>
    Array,
    Record,

    /// <summary>
    /// A parameter type not in the compilation yet, named as written: a record the generator makes from a JSON
    /// schema. It fits a generated record of that name.
    /// </summary>
    Unresolved,
}
