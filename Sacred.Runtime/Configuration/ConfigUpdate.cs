namespace Sacred.Configuration;

/// <summary>One <c>key=value</c> update and where it came from, for error messages.</summary>
/// <param name="Key">The dotted key.</param>
/// <param name="Value">The value text as given (raw JSON text for values from a file).</param>
/// <param name="Origin">What the user typed or named: <c>'lr=0.1'</c> or <c>updates file 'v2.json'</c>.</param>
/// <param name="FromFile">True when the update came from a JSON updates file.</param>
internal sealed record ConfigUpdate(string Key, string Value, string Origin, bool FromFile);
