namespace Sacred.Generator.Model;

/// <summary>A <c>[ConfigFile]</c> or <c>[NamedConfigFile]</c> attribute: the path as written.</summary>
/// <param name="Path">The path as written; with the owner, it also names the attribute argument for diagnostics.</param>
/// <param name="NamedConfig">For a named-config file, its name; null for a plain config file.</param>
/// <param name="Doc">For a named-config file, its description.</param>
internal sealed record ConfigFileReference(string Path, string? NamedConfig, string? Doc);
