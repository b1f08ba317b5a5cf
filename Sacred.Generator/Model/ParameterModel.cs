namespace Sacred.Generator.Model;

/// <summary>How one parameter of a main, command or captured function gets its value.</summary>
internal enum ParameterBinding
{
    ConfigKey,
    Run,
    CancellationToken,
    Logger,
    Random,
    Seed,

    /// <summary>The owner's whole typed config: a parameter whose type is the owner's config record.</summary>
    Config,

    /// <summary>An ingredient's whole typed config: a parameter whose type is that ingredient's config record.</summary>
    IngredientConfig,
}

/// <summary>One injected parameter.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Binding">Where its value comes from.</param>
/// <param name="Key">For a config key, the key it asks for (prefix included), e.g. <c>model.depth</c>.</param>
/// <param name="Type">For a config key, the parameter's type; null when no config value can have it.</param>
/// <param name="TypeDisplay">The parameter's type as written.</param>
/// <param name="PropertyPath">For a bound config key, the property names from the config root; empty until bound.</param>
/// <param name="Ingredient">For an ingredient's config, the ingredient class, fully qualified.</param>
internal sealed record ParameterModel(
    string Name,
    ParameterBinding Binding,
    string Key,
    TypeModel? Type,
    string TypeDisplay,
    EquatableArray<string> PropertyPath,
    string? Ingredient = null);
