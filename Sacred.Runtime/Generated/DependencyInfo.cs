using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>A referenced package or assembly.</summary>
/// <param name="Name">The package or assembly name.</param>
/// <param name="Version">Its version.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record DependencyInfo(string Name, string Version);
