namespace Sacred.Storage.Reading;

/// <summary>A column every run has (its id, status, times, ...), as a query names it.</summary>
/// <param name="Name">The name in queries and URLs, e.g. <c>duration</c>.</param>
/// <param name="Type">The kind of values.</param>
/// <param name="Description">One line for autocomplete and column pickers.</param>
public sealed record RunAttribute(string Name, FieldType Type, string Description);
