using System;
using System.IO;
using System.Text;

namespace Sacred.Capture;

/// <summary>Writes everything to the writer it replaces and appends it to a capture.</summary>
internal sealed class TeeTextWriter(TextWriter original, CapturedText captured) : TextWriter(original.FormatProvider)
{
    public override Encoding Encoding => original.Encoding;

    public override void Write(char value)
    {
        original.Write(value);
        captured.Append(new ReadOnlySpan<char>(in value));
    }

    public override void Write(char[] buffer, int index, int count)
    {
        original.Write(buffer, index, count);
        captured.Append(buffer.AsSpan(index, count));
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        original.Write(buffer);
        captured.Append(buffer);
    }

    public override void Write(string? value)
    {
        original.Write(value);
        captured.Append(value);
    }

    public override void Flush() => original.Flush();
}
