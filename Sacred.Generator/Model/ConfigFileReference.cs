namespace Sacred.Generator.Model;

/// <summary>A <c>[ConfigFile]</c> or <c>[NamedConfigFile]</c> attribute: the path and where it was written.</summary>
/// <param name="Path">The path as written.</param>
/// <param name="Location">The attribute argument's location.</param>
/// <param name="NamedConfig">For a named-config file, its name; null for a plain config file.</param>
/// <param name="Doc">For a named-config file, its description.</param>
internal sealed record ConfigFileReference(string Path, LocationInfo? Location, string? NamedConfig, string? Doc);
