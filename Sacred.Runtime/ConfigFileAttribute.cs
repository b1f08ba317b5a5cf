using System;

namespace Sacred;

/// <summary>
/// Applies values from a JSON file (an <c>AdditionalFiles</c> item of the project) to the defaults at compile time.
/// Repeatable: later files override earlier ones. Without a <see cref="ConfigAttribute"/> record, the first file
/// also defines the schema. An unknown key or a value of the wrong type is a compile-time error.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConfigFileAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="path">The file's path, matched against the end of the AdditionalFiles paths.</param>
    public ConfigFileAttribute(string path) => Path = path;

    /// <summary>The file's path, matched against the end of the AdditionalFiles paths.</summary>
    public string Path { get; }
}
