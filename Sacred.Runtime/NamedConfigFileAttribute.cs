using System;

namespace Sacred;

/// <summary>
/// Declares a named config whose values come from a JSON file (an <c>AdditionalFiles</c> item), checked against
/// the schema at compile time and selected on the command line with <c>with name</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class NamedConfigFileAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="path">The file's path, matched against the end of the AdditionalFiles paths.</param>
    public NamedConfigFileAttribute(string path) => Path = path;

    /// <summary>The file's path, matched against the end of the AdditionalFiles paths.</summary>
    public string Path { get; }

    /// <summary>The name used after <c>with</c>; defaults to the file name without its extension.</summary>
    public string? Name { get; set; }

    /// <summary>The description shown by <c>print_named_configs</c>.</summary>
    public string? Doc { get; set; }
}
