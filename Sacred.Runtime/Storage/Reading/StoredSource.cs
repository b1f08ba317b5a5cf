namespace Sacred.Storage.Reading;

/// <summary>A source file of a run; read its text with <see cref="RunStore.ReadText"/>.</summary>
/// <param name="Path">Relative to the experiment's base directory, '/'-separated.</param>
/// <param name="Md5">Lower-case hex MD5 of the UTF-8 text, as Sacred records it.</param>
/// <param name="Hash">SHA-256 of the UTF-8 text: the name of the stored file.</param>
public sealed record StoredSource(string Path, string Md5, string Hash);
