using System;

namespace Sacred.Capture;

/// <summary>The characters of one line on the emulated terminal; grows as needed, shrinks back when cleared.</summary>
internal sealed class LineText
{
    private const int InitialCapacity = 256;
    private const int KeptCapacity = 64 * 1024;

    private char[] _chars = new char[InitialCapacity];

    /// <summary>How many characters (UTF-16 units) the line holds.</summary>
    public int Length { get; set; }

    /// <summary>The line's characters.</summary>
    public Span<char> Text => _chars.AsSpan(0, Length);

    /// <summary>Room for at least <paramref name="capacity"/> characters; the text is kept.</summary>
    public Span<char> EnsureCapacity(int capacity)
    {
        if (capacity > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(capacity, _chars.Length * 2));
        }

        return _chars;
    }

    /// <summary>Empties the line, giving back the memory of a very long one.</summary>
    public void Clear()
    {
        Length = 0;
        if (_chars.Length > KeptCapacity)
        {
            _chars = new char[InitialCapacity];
        }
    }
}
