using System;

namespace Sacred;

/// <summary>
/// Marks the experiment's main function, run by default. Its parameters are injected by key name (a camelCase
/// parameter receives the snake_case key); parameters of type <see cref="Sacred.Run"/>,
/// <see cref="System.Threading.CancellationToken"/>, <c>ILogger</c>, <see cref="Random"/> and an <c>int seed</c>
/// are special. Its return value is the run's result.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class MainAttribute : Attribute
{
}
