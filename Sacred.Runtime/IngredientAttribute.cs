using System;

namespace Sacred;

/// <summary>
/// Marks a <c>static partial class</c> as an ingredient: a reusable part of an experiment with its own
/// configuration (under <c>name.*</c>), named configs and commands (<c>app name.command</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IngredientAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The ingredient's path: the prefix of its config keys and commands.</param>
    public IngredientAttribute(string name) => Name = name;

    /// <summary>The ingredient's path: the prefix of its config keys and commands.</summary>
    public string Name { get; }
}
