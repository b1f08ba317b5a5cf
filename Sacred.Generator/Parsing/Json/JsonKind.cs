namespace Sacred.Generator.Parsing.Json;

/// <summary>The kind of a parsed JSON value.</summary>
internal enum JsonKind
{
    Null,
    True,
    False,
    Number,
    String,
    Array,
    Object,
}
