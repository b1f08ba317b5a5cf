using System;
using System.Threading;

namespace Sacred.Capture;

/// <summary>A capture's text, shared by the threads that append to it and the one that takes it.</summary>
internal sealed class CapturedText
{
    private readonly TerminalLineBuffer _buffer = new();
    private readonly Lock _lock = new();
    private bool _closed;

    /// <summary>Adds text; ignored once closed.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        lock (_lock)
        {
            if (!_closed)
            {
                _buffer.Write(text);
            }
        }
    }

    /// <summary>The lines completed since the previous take, or "".</summary>
    public string TakeCompletedLines()
    {
        lock (_lock)
        {
            return _buffer.TakeCompletedLines();
        }
    }

    /// <summary>Everything not taken yet, including an unfinished last line; later appends are ignored.</summary>
    public string Close()
    {
        lock (_lock)
        {
            _closed = true;
            return _buffer.TakeAll();
        }
    }
}
