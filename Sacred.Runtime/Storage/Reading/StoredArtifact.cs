using System;

namespace Sacred.Storage.Reading;

/// <summary>An artifact of a run; read its bytes with <see cref="RunStore.OpenFile"/> or <see cref="RunStore.OpenArtifact"/>.</summary>
/// <param name="Name">The name it was added under.</param>
/// <param name="Hash">SHA-256 of the content: the name of the stored file.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="ContentType">The MIME type, when given or guessed.</param>
/// <param name="Metadata">Free-form metadata, if given.</param>
/// <param name="Added">When it was recorded (UTC).</param>
public sealed record StoredArtifact(string Name, string Hash, long Size, string? ContentType, ConfigNode? Metadata, DateTime Added);
