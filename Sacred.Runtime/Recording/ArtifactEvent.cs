namespace Sacred.Recording;

/// <summary>An artifact file the run added.</summary>
/// <param name="Name">The name it is stored under.</param>
/// <param name="Path">The file to copy, absolute.</param>
/// <param name="ContentType">The MIME type, when given or guessed from the extension.</param>
/// <param name="Metadata">Free-form metadata, if given.</param>
public sealed record ArtifactEvent(string Name, string Path, string? ContentType, ConfigNode? Metadata);
