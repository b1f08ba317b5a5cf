using System;
using System.Text;

namespace Sacred.Capture;

/// <summary>
/// Text as a terminal would show it, built from pieces as they arrive: <c>\r</c> moves to the start of the line
/// (later characters overwrite), <c>\b</c> moves one character back, <c>\n</c> ends the line. This is Sacred's
/// <c>apply_backspaces_and_linefeeds</c> applied incrementally. A line is handed out only once it ends, so text
/// handed out never changes afterwards. Holds only what has not been taken plus the current line. Not thread-safe.
/// </summary>
internal sealed class TerminalLineBuffer
{
    private const int InitialLineCapacity = 256;
    private const int KeptCapacity = 64 * 1024;

    private StringBuilder _completed = new();
    private char[] _line = new char[InitialLineCapacity];
    private int _length;
    private int _cursor;

    /// <summary>Applies <paramref name="text"/> at the cursor.</summary>
    public void Write(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny('\r', '\b') < 0)
        {
            // The common case: between the first and the last \n are whole lines, kept as they are.
            var last = text.LastIndexOf('\n');
            if (last >= 0)
            {
                var first = text.IndexOf('\n');
                Put(text[..first]);
                EndLine();
                _completed.Append(text[(first + 1)..(last + 1)]);
                text = text[(last + 1)..];
            }

            Put(text);
            return;
        }

        while (!text.IsEmpty)
        {
            var control = text.IndexOfAny('\n', '\r', '\b');
            var plain = control < 0 ? text : text[..control];
            if (control < 0)
            {
                Put(plain);
                return;
            }

            switch (text[control])
            {
                case '\n' when _length == 0:
                    _completed.Append(plain).Append('\n');
                    break;
                case '\n':
                    Put(plain);
                    EndLine();
                    break;
                case '\r':
                    Put(plain);
                    _cursor = 0;
                    break;
                default:
                    Put(plain);
                    Backspace();
                    break;
            }

            text = text[(control + 1)..];
        }
    }

    /// <summary>The lines completed since the previous take, each ending with <c>\n</c>.</summary>
    public string TakeCompletedLines()
    {
        var lines = _completed.ToString();

        // Clear() would keep (and reallocate) the whole capacity, however big the last take was.
        _completed = _completed.Capacity <= KeptCapacity ? _completed.Clear() : new StringBuilder();
        return lines;
    }

    /// <summary>The completed lines plus the unfinished current line; the buffer is empty afterwards.</summary>
    public string TakeAll()
    {
        _completed.Append(_line, 0, _length);
        _length = 0;
        _cursor = 0;
        return TakeCompletedLines();
    }

    private void Put(ReadOnlySpan<char> plain)
    {
        while (!plain.IsEmpty)
        {
            if (_cursor == _length)
            {
                EnsureCapacity(_length + plain.Length);
                plain.CopyTo(_line.AsSpan(_length));
                _length += plain.Length;
                _cursor = _length;
                return;
            }

            // Overwrite one character (one or two UTF-16 units) with one character.
            Rune.DecodeFromUtf16(plain, out _, out var incoming);
            Rune.DecodeFromUtf16(_line.AsSpan(_cursor, _length - _cursor), out _, out var existing);
            Replace(existing, plain[..incoming]);
            plain = plain[incoming..];
        }
    }

    private void Replace(int existing, ReadOnlySpan<char> replacement)
    {
        var shift = replacement.Length - existing;
        if (shift != 0)
        {
            EnsureCapacity(_length + shift);
            _line.AsSpan(_cursor + existing, _length - _cursor - existing).CopyTo(_line.AsSpan(_cursor + replacement.Length));
            _length += shift;
        }

        replacement.CopyTo(_line.AsSpan(_cursor));
        _cursor += replacement.Length;
    }

    private void Backspace()
    {
        if (_cursor == 0)
        {
            return;
        }

        _cursor--;
        if (_cursor > 0 && char.IsLowSurrogate(_line[_cursor]) && char.IsHighSurrogate(_line[_cursor - 1]))
        {
            _cursor--;
        }
    }

    private void EndLine()
    {
        _completed.Append(_line, 0, _length).Append('\n');
        _length = 0;
        _cursor = 0;
        if (_line.Length > KeptCapacity)
        {
            _line = new char[InitialLineCapacity];
        }
    }

    private void EnsureCapacity(int capacity)
    {
        if (capacity > _line.Length)
        {
            Array.Resize(ref _line, Math.Max(capacity, _line.Length * 2));
        }
    }
}
