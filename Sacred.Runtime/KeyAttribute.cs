using System;

namespace Sacred;

/// <summary>Gives a config property a key other than the snake_case of its name.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class KeyAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The key used on the command line and in stored configs.</param>
    public KeyAttribute(string name) => Name = name;

    /// <summary>The key used on the command line and in stored configs.</summary>
    public string Name { get; }
}
