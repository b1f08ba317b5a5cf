namespace Sacred.Generator.Model;

/// <summary>One compile-time value from a JSON file: the member path and the value to store.</summary>
/// <param name="PropertyPath">Property names from the config root, e.g. <c>Model</c>, <c>Depth</c>.</param>
/// <param name="Value">The value.</param>
/// <param name="MergesEntries">
/// For a dictionary: true when the value's entries are set in (or added to) the dictionary already there, as a
/// JSON config file's object does, instead of replacing it.
/// </param>
internal sealed record ConfigAssignmentModel(EquatableArray<string> PropertyPath, ConfigValueModel Value, bool MergesEntries = false);
