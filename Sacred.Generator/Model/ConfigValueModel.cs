namespace Sacred.Generator.Model;

/// <summary>
/// A value known at compile time (from a JSON config file), already checked against the key's type; the emitter
/// writes it as a C# expression of that type.
/// </summary>
/// <param name="Type">The key's type, which decides how <paramref name="Text"/> is written.</param>
/// <param name="Text">
/// Null for the null value; otherwise <c>true</c>/<c>false</c>, a number as written in JSON, the string, the enum
/// member's name, a TimeSpan in <c>c</c> format or a DateTime in round-trip <c>O</c> format; empty for a sequence or a record.
/// </param>
/// <param name="Items">A sequence's elements, or the member values of a record (a list element).</param>
/// <param name="Property">For a member value of a record, the property it sets.</param>
internal sealed record ConfigValueModel(TypeModel Type, string? Text, EquatableArray<ConfigValueModel> Items, string? Property = null);
