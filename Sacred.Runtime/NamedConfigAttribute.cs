using System;

namespace Sacred;

/// <summary>
/// Marks a <c>static Config Name(Config c)</c> method as a named config, off by default and selected on the
/// command line with <c>with name</c> (snake_case of the method name). Command-line values still win over it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class NamedConfigAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="doc">The description shown by <c>print_named_configs</c>; defaults to the method's XML summary.</param>
    public NamedConfigAttribute(string? doc = null) => Doc = doc;

    /// <summary>The description shown by <c>print_named_configs</c>.</summary>
    public string? Doc { get; }
}
