namespace Sacred.Storage.Reading;

/// <summary>A file the run opened (not copied): its absolute path and the MD5 of its content.</summary>
/// <param name="Path">The absolute path.</param>
/// <param name="Md5">Lower-case hex MD5.</param>
public sealed record StoredResource(string Path, string Md5);
