using System.Collections.Generic;
using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>One config key as the generator saw it.</summary>
/// <param name="Key">The dotted key, e.g. <c>model.depth</c>.</param>
/// <param name="TypeName">The C# type as users write it, e.g. <c>int</c>, <c>double?</c>, <c>List&lt;int&gt;</c>.</param>
/// <param name="Doc">The property's XML summary, if any.</param>
/// <param name="IsDerived">True for a computed, get-only value: recorded but not settable.</param>
/// <param name="AllowedValues">For enums, the valid names; otherwise null.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ConfigKeyInfo(string Key, string TypeName, string? Doc, bool IsDerived, IReadOnlyList<string>? AllowedValues = null);
