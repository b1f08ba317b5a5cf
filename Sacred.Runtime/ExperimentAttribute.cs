using System;

namespace Sacred;

/// <summary>
/// Marks a <c>static partial class</c> as an experiment. The source generator emits its typed configuration
/// handling, its command line (<c>Run(string[] args)</c>) and the injection of config values into its
/// <see cref="MainAttribute"/>, <see cref="CommandAttribute"/> and <see cref="CapturedAttribute"/> methods.
/// The class's XML documentation becomes the description shown by <c>--help</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ExperimentAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The experiment name recorded with every run; defaults to the class name in snake_case.</param>
    public ExperimentAttribute(string? name = null) => Name = name;

    /// <summary>The experiment name recorded with every run.</summary>
    public string? Name { get; }

    /// <summary>When true, the generator also emits the program's entry point (<c>Main</c>).</summary>
    public bool AutoMain { get; set; }

    /// <summary>The <see cref="IngredientAttribute"/> classes whose configuration and commands this experiment includes.</summary>
    public Type[]? Ingredients { get; set; }
}
