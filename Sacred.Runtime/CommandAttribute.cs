using System;

namespace Sacred;

/// <summary>
/// Marks a method as a command of the experiment or ingredient, invoked as <c>app name</c> (snake_case of the
/// method name) with the same parameter injection as <see cref="MainAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class CommandAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="doc">The description shown by <c>--help</c>; defaults to the method's XML summary.</param>
    public CommandAttribute(string? doc = null) => Doc = doc;

    /// <summary>The description shown by <c>--help</c>.</summary>
    public string? Doc { get; }

    /// <summary>The command's name on the command line; defaults to the method name in snake_case.</summary>
    public string? Name { get; set; }
}
