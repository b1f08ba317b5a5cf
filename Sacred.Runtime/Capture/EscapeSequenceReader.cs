using System;

namespace Sacred.Capture;

/// <summary>How far an escape sequence got with the text it was given.</summary>
internal enum EscapeSequenceStatus
{
    /// <summary>All of the text belonged to the sequence, which has not ended yet.</summary>
    Pending,

    /// <summary>The sequence ended; its final character and parameters can be read.</summary>
    Completed,

    /// <summary>The character after the consumed ones cannot be part of a sequence (a line end in the middle of
    /// one, stray bytes): the sequence is dropped and that character is ordinary text.</summary>
    Aborted,
}

/// <summary>
/// Reads one ANSI/VT escape sequence, from the character after ESC to its end, across as many writes as it spans:
/// control sequences (<c>ESC [ params final</c>, with the private marker and numeric parameters kept), string
/// sequences (<c>ESC ]</c> operating-system commands such as titles and hyperlinks, <c>ESC P</c> and the like, up to
/// BEL or <c>ESC \</c>), and short ones (<c>ESC 7</c>, <c>ESC ( B</c>). Not thread-safe.
/// </summary>
internal sealed class EscapeSequenceReader
{
    private const int MaxParameters = 16;
    private const int MaxParameterValue = 99_999;

    private readonly int[] _parameters = new int[MaxParameters];
    private State _state;
    private int _count;

    private enum State
    {
        Idle,
        Escape,
        EscapeIntermediate,
        Control,
        String,
        StringEscape,
    }

    /// <summary>True between the ESC and the sequence's end.</summary>
    public bool Active => _state != State.Idle;

    /// <summary>True when the completed sequence was a control sequence (<c>ESC [</c>).</summary>
    public bool IsControlSequence { get; private set; }

    /// <summary>The completed sequence's final character.</summary>
    public char Final { get; private set; }

    /// <summary>The completed control sequence's private marker (<c>?</c>, <c>&gt;</c>, ...), or NUL.</summary>
    public char Private { get; private set; }

    /// <summary>Starts a sequence: the ESC has just been read.</summary>
    public void Start()
    {
        _state = State.Escape;
        IsControlSequence = false;
        Final = '\0';
        Private = '\0';
        _count = 0;
    }

    /// <summary>The completed control sequence's parameter <paramref name="index"/>; <paramref name="fallback"/>
    /// when it is absent or 0, as terminals read counts.</summary>
    public int Parameter(int index, int fallback) =>
        index < _count && _parameters[index] != 0 ? _parameters[index] : fallback;

    /// <summary>Consumes characters of the sequence from <paramref name="text"/>; returns how many.</summary>
    public int Read(ReadOnlySpan<char> text, out EscapeSequenceStatus status)
    {
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            switch (_state)
            {
                case State.Escape when c == '[':
                    _state = State.Control;
                    IsControlSequence = true;
                    _count = 1;
                    _parameters[0] = 0;
                    break;
                case State.Escape when c is ']' or 'P' or 'X' or '^' or '_':
                    _state = State.String;
                    break;
                case State.Escape or State.EscapeIntermediate when c is >= ' ' and <= '/':
                    _state = State.EscapeIntermediate;
                    break;
                case State.Escape or State.EscapeIntermediate when c is >= '0' and <= '~':
                    return Complete(c, index, out status);
                case State.Escape when c == '\u001b':
                    break;
                case State.Control when c is >= '0' and <= '9':
                    ref var value = ref _parameters[_count - 1];
                    value = Math.Min((value * 10) + (c - '0'), MaxParameterValue);
                    break;
                case State.Control when c is ';' or ':':
                    if (_count < MaxParameters)
                    {
                        _parameters[_count++] = 0;
                    }

                    break;
                case State.Control when c is >= '<' and <= '?':
                    Private = c;
                    break;
                case State.Control when c is >= ' ' and <= '/':
                    break;
                case State.Control when c is >= '@' and <= '~':
                    return Complete(c, index, out status);
                case State.String when c == '\a':
                    return Complete(c, index, out status);
                case State.String when c == '\u001b':
                    _state = State.StringEscape;
                    break;
                case State.String when c != '\n':
                    break;
                case State.StringEscape when c == '\\':
                    return Complete(c, index, out status);
                case State.StringEscape:
                    // ESC followed by anything else ends the string and starts a new sequence.
                    _state = State.Escape;
                    index--;
                    break;
                default:
                    _state = State.Idle;
                    status = EscapeSequenceStatus.Aborted;
                    return index;
            }
        }

        status = EscapeSequenceStatus.Pending;
        return text.Length;
    }

    private int Complete(char final, int index, out EscapeSequenceStatus status)
    {
        Final = final;
        _state = State.Idle;
        status = EscapeSequenceStatus.Completed;
        return index + 1;
    }
}
