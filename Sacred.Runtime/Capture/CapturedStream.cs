using System;

namespace Sacred.Capture;

/// <summary>One stream of a <see cref="CapturedText"/>: where a tee or a console writer appends what it saw.</summary>
internal sealed class CapturedStream
{
    private readonly CapturedText _text;
    private readonly TerminalLineBuffer _buffer;

    internal CapturedStream(CapturedText text, TerminalLineBuffer buffer)
    {
        _text = text;
        _buffer = buffer;
    }

    /// <summary>Adds text; thread-safe, ignored once the capture is closed.</summary>
    public void Append(ReadOnlySpan<char> text) => _text.Append(_buffer, text);
}
