namespace Sacred.Generator.Model;

/// <summary>One compile-time value from a JSON file: the member path and the value to store.</summary>
/// <param name="PropertyPath">Property names from the config root, e.g. <c>Model</c>, <c>Depth</c>.</param>
/// <param name="Value">The value.</param>
internal sealed record ConfigAssignmentModel(EquatableArray<string> PropertyPath, ConfigValueModel Value);
