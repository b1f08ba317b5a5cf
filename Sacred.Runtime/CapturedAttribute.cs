using System;

namespace Sacred;

/// <summary>
/// Marks a static method whose parameters are filled from the running experiment's config: the generator emits an
/// overload without the injected parameters. With <see cref="Prefix"/>, keys are looked up under that dotted path.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class CapturedAttribute : Attribute
{
    /// <summary>The dotted config path the parameters are read from, e.g. <c>"model"</c>.</summary>
    public string? Prefix { get; set; }
}
