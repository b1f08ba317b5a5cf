using System;

namespace Sacred;

/// <summary>
/// Marks the partial record that is the configuration schema of the enclosing experiment or ingredient.
/// Properties with initializers are settable keys with defaults (snake_case of the property name, see
/// <see cref="KeyAttribute"/>); get-only computed properties are derived values, recorded but not settable;
/// a property whose type is itself a <c>[Config]</c> record makes nested, dotted keys.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ConfigAttribute : Attribute
{
}
