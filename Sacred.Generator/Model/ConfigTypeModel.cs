namespace Sacred.Generator.Model;

/// <summary>A config record: its type and its members in declaration order.</summary>
/// <param name="FullName">The fully qualified type, <c>global::</c> prefixed.</param>
/// <param name="Name">The type's simple name.</param>
/// <param name="Members">The settable and derived members.</param>
/// <param name="HasParameterlessConstructor">True when <c>new()</c> can stand in for a null nested value.</param>
/// <param name="IsGenerated">True when the generator emits the record itself (schema from a JSON file).</param>
/// <param name="IsValueType">True for a <c>record struct</c>.</param>
internal sealed record ConfigTypeModel(
    string FullName,
    string Name,
    EquatableArray<ConfigMemberModel> Members,
    bool HasParameterlessConstructor,
    bool IsGenerated,
    bool IsValueType = false);
