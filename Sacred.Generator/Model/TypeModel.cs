namespace Sacred.Generator.Model;

/// <summary>A config value type: what it is, how it is written in C#, and its parts.</summary>
/// <param name="Kind">The kind of value.</param>
/// <param name="FullName">The fully qualified type, <c>global::</c> prefixed, without the nullable marker.</param>
/// <param name="Display">The type as users write it, e.g. <c>int?</c> or <c>List&lt;double&gt;</c>.</param>
/// <param name="IsNullable">True for <c>Nullable&lt;T&gt;</c> or an annotated reference type.</param>
/// <param name="IsValueType">True for structs (nullable ones are <c>Nullable&lt;T&gt;</c>).</param>
/// <param name="Element">The element type of a list or array.</param>
/// <param name="EnumMembers">The member names of an enum.</param>
/// <param name="Record">The nested config record.</param>
internal sealed record TypeModel(
    ValueKind Kind,
    string FullName,
    string Display,
    bool IsNullable,
    bool IsValueType,
    TypeModel? Element,
    EquatableArray<string> EnumMembers,
    ConfigTypeModel? Record)
{
    /// <summary>True for lists and arrays, whose values are their <see cref="Element"/>s.</summary>
    public bool IsSequence => Kind is ValueKind.List or ValueKind.IList or ValueKind.IReadOnlyList or ValueKind.Array;
}
