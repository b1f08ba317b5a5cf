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
    List,
    Array,
    Record,
}
