using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>A compiled source file, embedded by the generator so the record holds exactly what ran.</summary>
/// <param name="Path">Path relative to the project directory, '/'-separated.</param>
/// <param name="Md5">Lower-case hex MD5 of the file's UTF-8 text as compiled.</param>
/// <param name="Text">The text as compiled.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record SourceFileInfo(string Path, string Md5, string Text);
