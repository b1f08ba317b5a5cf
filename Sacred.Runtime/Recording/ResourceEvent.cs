namespace Sacred.Recording;

/// <summary>A resource file the run opened: absolute path and MD5 of its content.</summary>
public sealed record ResourceEvent(string Path, string Md5);
