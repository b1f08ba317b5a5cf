namespace Sacred.Storage.Reading;

/// <summary>A slice of a run's captured output. Offsets count UTF-16 chars (as .NET strings do) from the start.</summary>
/// <param name="Offset">Where <see cref="Text"/> starts.</param>
/// <param name="Text">The text.</param>
/// <param name="TotalChars">The length of the whole output recorded so far.</param>
public sealed record OutputPage(long Offset, string Text, long TotalChars)
{
    /// <summary>Where the next page starts.</summary>
    public long NextOffset => Offset + Text.Length;

    /// <summary>True when the page reaches the end of the output recorded so far.</summary>
    public bool IsEnd => NextOffset >= TotalChars;
}
