namespace Sacred.Generator.Model;

/// <summary>A source location without Roslyn objects: file path, text span and line span (0-based).</summary>
internal sealed record LocationInfo(
    string FilePath,
    int Start,
    int Length,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn);
