using System;
using System.Collections.Generic;
using System.Threading;

namespace Sacred.Capture;

/// <summary>
/// A capture's text, shared by the threads that append to it and the one that takes it. Each stream (stdout,
/// stderr, or one terminal that both write to) keeps its unfinished line to itself; lines join the text in the order
/// they become final, so a partial line on one stream is never glued to a line of another.
/// </summary>
internal sealed class CapturedText
{
    private readonly CompletedLines _completed = new();
    private readonly List<TerminalLineBuffer> _streams = [];
    private readonly Lock _lock = new();
    private bool _closed;

    /// <summary>A new stream of this capture.</summary>
    /// <param name="screenRows">The height of the terminal the stream is shown on, when it is one.</param>
    public CapturedStream AddStream(int screenRows = TerminalLineBuffer.DefaultScreenRows)
    {
        lock (_lock)
        {
            var buffer = new TerminalLineBuffer(_completed, screenRows);
            _streams.Add(buffer);
            return new CapturedStream(this, buffer);
        }
    }

    /// <summary>The lines completed since the previous take, or "".</summary>
    public string TakeCompletedLines()
    {
        lock (_lock)
        {
            return _completed.Take();
        }
    }

    /// <summary>Everything not taken yet, each stream's unfinished last line on a line of its own (the very last
    /// without <c>\n</c>); later appends are ignored.</summary>
    public string Close()
    {
        lock (_lock)
        {
            _closed = true;
            foreach (var stream in _streams)
            {
                stream.EndOpenLines();
            }

            return _completed.Take();
        }
    }

    /// <summary>Adds text to one stream; ignored once closed.</summary>
    internal void Append(TerminalLineBuffer stream, ReadOnlySpan<char> text)
    {
        lock (_lock)
        {
            if (!_closed)
            {
                stream.Write(text);
            }
        }
    }
}
