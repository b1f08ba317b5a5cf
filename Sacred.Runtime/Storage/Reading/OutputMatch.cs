namespace Sacred.Storage.Reading;

/// <summary>A line of captured output that contains the searched text.</summary>
/// <param name="Offset">Where the line starts, in UTF-16 chars from the beginning of the output.</param>
/// <param name="Line">The line number, from 1.</param>
/// <param name="Text">The line, without its newline (cut after 500 chars).</param>
public sealed record OutputMatch(long Offset, long Line, string Text);
