using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sacred.Generator.Emitting;

/// <summary>
/// Builds C# text from a raw interpolated string (<c>$$"""…"""</c>), so an emitter reads like the code it writes:
/// <list type="bullet">
/// <item>a multi-line value keeps the indentation of the line its hole is on, every line of it;</item>
/// <item>an empty value alone on its line removes the line, so optional parts leave no blank lines;</item>
/// <item>lines end in <c>\n</c> whatever the emitter's source file uses, and no line ends in spaces.</item>
/// </list>
/// Numbers are written with the invariant culture, so output is byte-for-byte deterministic.
/// </summary>
[InterpolatedStringHandler]
internal ref struct SourceWriter
{
    private readonly StringBuilder _text;

    /// <summary>Where the line of an empty hole starts, while that line may still turn out to hold nothing else.</summary>
    private int _emptyLineStart;

    public SourceWriter(int literalLength, int formattedCount)
    {
        _text = new StringBuilder(literalLength + (formattedCount * 32));
        _emptyLineStart = -1;
    }

    public void AppendLiteral(string literal)
    {
        literal = literal.Replace("\r\n", "\n");
        if (_emptyLineStart >= 0)
        {
            if (literal.Length > 0 && literal[0] == '\n')
            {
                _text.Length = _emptyLineStart;
                literal = literal.Substring(1);
            }

            _emptyLineStart = -1;
        }

        _text.Append(literal);
    }

    public void AppendFormatted(string? value)
    {
        var lineStart = LineStart();
        var indent = 0;
        while (lineStart + indent < _text.Length && _text[lineStart + indent] == ' ')
        {
            indent++;
        }

        var blankSoFar = lineStart + indent == _text.Length;
        if (string.IsNullOrEmpty(value))
        {
            if (blankSoFar)
            {
                _emptyLineStart = lineStart;
            }

            return;
        }

        _emptyLineStart = -1;
        var lines = value!.Replace("\r\n", "\n").Split('\n');
        _text.Append(lines[0]);
        for (var i = 1; i < lines.Length; i++)
        {
            _text.Append('\n');
            if (lines[i].Length > 0)
            {
                _text.Append(' ', indent).Append(lines[i]);
            }
        }
    }

    public void AppendFormatted(int value) => AppendFormatted(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The text; a trailing empty hole's line is removed.</summary>
    public override string ToString()
    {
        if (_emptyLineStart >= 0)
        {
            _text.Length = _emptyLineStart > 0 ? _emptyLineStart - 1 : 0;
            _emptyLineStart = -1;
        }

        return _text.ToString();
    }

    private int LineStart()
    {
        for (var i = _text.Length - 1; i >= 0; i--)
        {
            if (_text[i] == '\n')
            {
                return i + 1;
            }
        }

        return 0;
    }
}
