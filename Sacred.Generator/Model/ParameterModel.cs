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
}

/// <summary>One injected parameter.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Binding">Where its value comes from.</param>
/// <param name="PropertyPath">For a config key, the property names from the config root.</param>
internal sealed record ParameterModel(string Name, ParameterBinding Binding, EquatableArray<string> PropertyPath);
