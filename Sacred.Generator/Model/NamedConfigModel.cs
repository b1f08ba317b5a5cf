namespace Sacred.Generator.Model;

/// <summary>A named config: its command-line name, its doc, and how it is applied.</summary>
/// <param name="Name">The name used after <c>with</c>.</param>
/// <param name="Doc">The description.</param>
/// <param name="MethodName">The user's method, or null for a JSON named config.</param>
/// <param name="Assignments">For a JSON named config, the values it sets.</param>
internal sealed record NamedConfigModel(
    string Name,
    string? Doc,
    string? MethodName,
    EquatableArray<ConfigAssignmentModel> Assignments);
