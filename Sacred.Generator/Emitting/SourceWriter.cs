using System;
using System.Text;

namespace Sacred.Generator.Emitting;

/// <summary>Writes indented C# text with '\n' line endings.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
    }

    /// <summary>Writes a multi-line block, each line at the current indentation.</summary>
    public void Lines(string text)
    {
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }
    }

    public IDisposable Block(string header)
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return new Scope(this, "}");
    }

    /// <summary>A block closed by <paramref name="close"/>, e.g. <c>};</c> for initializers.</summary>
    public IDisposable Block(string header, string close)
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return new Scope(this, close);
    }

    public override string ToString() => _builder.ToString();

    private sealed class Scope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _close;

        public Scope(SourceWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            var builder = _writer._builder;
            if (builder.Length >= 2 && builder[builder.Length - 1] == '\n' && builder[builder.Length - 2] == '\n')
            {
                builder.Length--;
            }

            _writer._indent--;
            _writer.Line(_close);
        }
    }
}
