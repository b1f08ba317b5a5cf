using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace Sacred.Capture;

/// <summary>
/// One output stream's text as a terminal would show it, built from pieces as they arrive, keeping the final text of
/// each line. <c>\r</c> moves to the start of the line (later characters overwrite), <c>\b</c> one character back,
/// <c>\n</c> to the start of the next line: Sacred's <c>apply_backspaces_and_linefeeds</c>, applied incrementally.
/// Escape sequences are applied or dropped, never stored: colours and other attributes (SGR), titles and links
/// (OSC) are dropped; erasing in the line or below the cursor and moving the cursor along the line are applied;
/// moving it up or down is applied within the lines still open. A line is final, and handed out, once it ended and
/// the cursor can no longer come back to it: at once, unless the program has moved the cursor up by N lines
/// before (then the last N ended lines stay open) or keeps the cursor hidden, as live displays do (then a screen's
/// height stays open). Text handed out never changes afterwards. Not thread-safe.
/// </summary>
internal sealed class TerminalLineBuffer
{
    /// <summary>The screen height assumed when the real one is not known.</summary>
    public const int DefaultScreenRows = 24;

    private const char Escape = '\u001b';
    private const int HideCursorMode = 25;

    private static readonly SearchValues<char> Controls = SearchValues.Create("\n\r\b\u001b");
    private static readonly SearchValues<char> ControlsButLineFeed = SearchValues.Create("\r\b\u001b");

    private readonly CompletedLines _completed;
    private readonly EscapeSequenceReader _escape = new();
    private readonly int _screenRows;

    // The lines the cursor can still reach, oldest first; the last is the bottom line. Never empty.
    private readonly List<LineText> _rows = [new()];
    private LineText? _spare;
    private int _row;
    private int _cursor;
    private int _beyondEnd;
    private int _highestMoveUp;
    private bool _cursorHidden;

    /// <summary>A buffer with its own completed lines, for a screen of the default height.</summary>
    public TerminalLineBuffer()
        : this(new CompletedLines(), DefaultScreenRows)
    {
    }

    /// <summary>A buffer that adds its final lines to <paramref name="completed"/>.</summary>
    /// <param name="completed">Where final lines go, maybe shared with other streams.</param>
    /// <param name="screenRows">The terminal's height: the cursor never moves up further than that.</param>
    public TerminalLineBuffer(CompletedLines completed, int screenRows)
    {
        _completed = completed;
        _screenRows = Math.Max(1, screenRows);
    }

    private LineText Line => _rows[_row];

    private int OpenAboveBottom => Math.Min(_screenRows - 1, _cursorHidden ? _screenRows - 1 : _highestMoveUp);

    /// <summary>Applies <paramref name="text"/> at the cursor.</summary>
    public void Write(ReadOnlySpan<char> text)
    {
        if (!_escape.Active && _rows.Count == 1 && OpenAboveBottom == 0 && !text.ContainsAny(ControlsButLineFeed))
        {
            // The common case: between the first and the last \n are whole lines, final as they are.
            var last = text.LastIndexOf('\n');
            if (last >= 0)
            {
                var first = text.IndexOf('\n');
                Put(text[..first]);
                _completed.AppendLine(Line.Text);
                Line.Clear();
                _cursor = 0;
                _beyondEnd = 0;
                _completed.AppendLines(text[(first + 1)..(last + 1)]);
                text = text[(last + 1)..];
            }

            Put(text);
            return;
        }

        while (!text.IsEmpty)
        {
            if (_escape.Active)
            {
                text = text[_escape.Read(text, out var status)..];
                if (status == EscapeSequenceStatus.Completed)
                {
                    Apply();
                }

                continue;
            }

            var control = text.IndexOfAny(Controls);
            if (control < 0)
            {
                Put(text);
                return;
            }

            Put(text[..control]);
            switch (text[control])
            {
                case '\n':
                    NextLine();
                    break;
                case '\r':
                    _cursor = 0;
                    _beyondEnd = 0;
                    break;
                case '\b':
                    Backspace();
                    break;
                default:
                    _escape.Start();
                    break;
            }

            text = text[(control + 1)..];
        }
    }

    /// <summary>The lines that became final since the previous take, each ending with <c>\n</c>.</summary>
    public string TakeCompletedLines() => _completed.Take();

    /// <summary>The final lines plus the open ones, the last without <c>\n</c>; the buffer is empty afterwards.</summary>
    public string TakeAll()
    {
        EndOpenLines();
        return TakeCompletedLines();
    }

    /// <summary>Makes every open line final; an unfinished last line is added without <c>\n</c>.</summary>
    public void EndOpenLines()
    {
        for (var row = 0; row < _rows.Count - 1; row++)
        {
            _completed.AppendLine(_rows[row].Text);
        }

        _completed.AppendUnfinished(_rows[^1].Text);
        _rows[^1].Clear();
        _rows.RemoveRange(0, _rows.Count - 1);
        _row = 0;
        _cursor = 0;
        _beyondEnd = 0;
    }

    private void NextLine()
    {
        _cursor = 0;
        _beyondEnd = 0;
        if (_row < _rows.Count - 1)
        {
            _row++;
            return;
        }

        var next = _spare ?? new LineText();
        _spare = null;
        _rows.Add(next);
        _row++;
        CommitUnreachableRows();
    }

    /// <summary>Hands out the oldest lines while more are open than the cursor may come back to.</summary>
    private void CommitUnreachableRows()
    {
        while (_rows.Count - 1 > OpenAboveBottom && _row > 0)
        {
            var top = _rows[0];
            _completed.AppendLine(top.Text);
            _rows.RemoveAt(0);
            _row--;
            top.Clear();
            _spare = top;
        }
    }

    private void Apply()
    {
        if (!_escape.IsControlSequence)
        {
            if (_escape.Final == 'M')
            {
                MoveUp(1);
            }

            return;
        }

        var count = _escape.Parameter(0, 1);
        switch (_escape.Private, _escape.Final)
        {
            case ('\0', 'A'):
                MoveUp(count);
                break;
            case ('\0', 'B'):
                MoveToRow(_row + count, CursorColumn());
                break;
            case ('\0', 'C'):
                MoveToColumn(CursorColumn() + count);
                break;
            case ('\0', 'D'):
                MoveToColumn(Math.Max(0, CursorColumn() - count));
                break;
            case ('\0', 'E'):
                MoveToRow(_row + count, 0);
                break;
            case ('\0', 'F'):
                MoveUp(count);
                MoveToColumn(0);
                break;
            case ('\0', 'G' or '`'):
                MoveToColumn(count - 1);
                break;
            case ('\0', 'H' or 'f'):
                // Rows are counted from the top of a screen whose other lines are not known here: the column only.
                MoveToColumn(_escape.Parameter(1, 1) - 1);
                break;
            case ('\0', 'J') when _escape.Parameter(0, 0) == 0:
                EraseBelow();
                break;
            case ('\0', 'K'):
                EraseInLine(_escape.Parameter(0, 0));
                break;
            case ('?', 'h' or 'l') when _escape.Parameter(0, 0) == HideCursorMode:
                _cursorHidden = _escape.Final == 'l';
                CommitUnreachableRows();
                break;
        }
    }

    private void MoveUp(int count)
    {
        _highestMoveUp = Math.Max(_highestMoveUp, Math.Min(count, _screenRows - 1));
        MoveToRow(_row - count, CursorColumn());
    }

    private void MoveToRow(int row, int column)
    {
        _row = Math.Clamp(row, 0, _rows.Count - 1);
        MoveToColumn(column);
    }

    /// <summary>The cursor's column, counting each character (not each UTF-16 unit) as one.</summary>
    private int CursorColumn()
    {
        var text = Line.Text[.._cursor];
        var column = 0;
        for (var index = 0; index < text.Length; index++)
        {
            column += char.IsLowSurrogate(text[index]) && index > 0 && char.IsHighSurrogate(text[index - 1]) ? 0 : 1;
        }

        return column + _beyondEnd;
    }

    private void MoveToColumn(int column)
    {
        var text = Line.Text;
        var index = 0;
        while (column > 0 && index < text.Length)
        {
            Rune.DecodeFromUtf16(text[index..], out _, out var units);
            index += units;
            column--;
        }

        _cursor = index;
        _beyondEnd = column;
    }

    private void EraseInLine(int mode)
    {
        var column = CursorColumn();
        switch (mode)
        {
            case 0:
                Line.Length = Math.Min(Line.Length, _cursor);
                break;
            case 1:
                // Blanks the line up to and including the cursor's character.
                MoveToColumn(column + 1);
                var rest = Line.Length - _cursor;
                if (rest <= 0)
                {
                    Line.Length = 0;
                }
                else
                {
                    var chars = Line.EnsureCapacity(column + 1 + rest);
                    chars.Slice(_cursor, rest).CopyTo(chars[(column + 1)..]);
                    chars[..(column + 1)].Fill(' ');
                    Line.Length = column + 1 + rest;
                }

                break;
            default:
                Line.Length = 0;
                break;
        }

        MoveToColumn(column);
    }

    private void EraseBelow()
    {
        Line.Length = Math.Min(Line.Length, _cursor);
        for (var row = _rows.Count - 1; row > _row; row--)
        {
            _rows[row].Clear();
            _spare = _rows[row];
            _rows.RemoveAt(row);
        }
    }

    private void Put(ReadOnlySpan<char> plain)
    {
        if (plain.IsEmpty)
        {
            return;
        }

        var line = Line;
        if (_beyondEnd > 0)
        {
            line.EnsureCapacity(line.Length + _beyondEnd);
            line.Length += _beyondEnd;
            line.Text[_cursor..].Fill(' ');
            _cursor = line.Length;
            _beyondEnd = 0;
        }

        while (!plain.IsEmpty)
        {
            if (_cursor == line.Length)
            {
                plain.CopyTo(line.EnsureCapacity(line.Length + plain.Length)[line.Length..]);
                line.Length += plain.Length;
                _cursor = line.Length;
                return;
            }

            // Overwrite one character (one or two UTF-16 units) with one character.
            Rune.DecodeFromUtf16(plain, out _, out var incoming);
            Rune.DecodeFromUtf16(line.Text[_cursor..], out _, out var existing);
            Replace(line, existing, plain[..incoming]);
            plain = plain[incoming..];
        }
    }

    private void Replace(LineText line, int existing, ReadOnlySpan<char> replacement)
    {
        var shift = replacement.Length - existing;
        if (shift != 0)
        {
            var chars = line.EnsureCapacity(line.Length + shift);
            chars[(_cursor + existing)..line.Length].CopyTo(chars[(_cursor + replacement.Length)..]);
            line.Length += shift;
        }

        replacement.CopyTo(line.Text[_cursor..]);
        _cursor += replacement.Length;
    }

    private void Backspace()
    {
        if (_beyondEnd > 0)
        {
            _beyondEnd--;
            return;
        }

        if (_cursor == 0)
        {
            return;
        }

        _cursor--;
        var text = Line.Text;
        if (_cursor > 0 && char.IsLowSurrogate(text[_cursor]) && char.IsHighSurrogate(text[_cursor - 1]))
        {
            _cursor--;
        }
    }
}
