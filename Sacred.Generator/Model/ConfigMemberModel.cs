namespace Sacred.Generator.Model;

/// <summary>One member of a config record.</summary>
/// <param name="PropertyName">The C# property name.</param>
/// <param name="Key">The config key segment (snake_case, or the <c>[Key]</c> name).</param>
/// <param name="Doc">The XML summary, if any.</param>
/// <param name="IsDerived">True for a get-only computed member: recorded, not settable.</param>
/// <param name="Type">The member's type.</param>
/// <param name="Default">
/// For a record generated from a JSON schema, the member's initial value (null for a nested record, which starts
/// as <c>new()</c>); null for declared records.
/// </param>
internal sealed record ConfigMemberModel(
    string PropertyName,
    string Key,
    string? Doc,
    bool IsDerived,
    TypeModel Type,
    ConfigValueModel? Default);
