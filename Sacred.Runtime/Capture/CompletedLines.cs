using System;
using System.Text;

namespace Sacred.Capture;

/// <summary>
/// The captured lines that are final, in the order they ended, waiting to be taken. Shared by the streams of one
/// capture (stdout and stderr each keep their unfinished line apart until it ends). Not thread-safe.
/// </summary>
internal sealed class CompletedLines
{
    private const int KeptCapacity = 64 * 1024;

    private StringBuilder _text = new();
    private bool _unfinished;

    /// <summary>Adds finished lines, each ending with <c>\n</c>.</summary>
    public void AppendLines(ReadOnlySpan<char> lines)
    {
        SeparateUnfinished();
        _text.Append(lines);
    }

    /// <summary>Adds one line and its <c>\n</c>.</summary>
    public void AppendLine(ReadOnlySpan<char> line)
    {
        SeparateUnfinished();
        _text.Append(line).Append('\n');
    }

    /// <summary>Adds a stream's last line, which never ended; a later one starts on a line of its own.</summary>
    public void AppendUnfinished(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty)
        {
            return;
        }

        SeparateUnfinished();
        _text.Append(line);
        _unfinished = true;
    }

    /// <summary>Everything added since the previous take.</summary>
    public string Take()
    {
        var lines = _text.ToString();

        // Clear() would keep (and reallocate) the whole capacity, however big the last take was.
        _text = _text.Capacity <= KeptCapacity ? _text.Clear() : new StringBuilder();
        _unfinished = false;
        return lines;
    }

    private void SeparateUnfinished()
    {
        if (_unfinished)
        {
            _text.Append('\n');
            _unfinished = false;
        }
    }
}
