using System;
using System.IO;
using System.Text;

namespace Sacred.Capture;

/// <summary>
/// Appends everything to a stream of a capture and writes it to the writer it replaces. When that writer fails
/// (its terminal was closed, its pipe's reader left), it stops writing there and keeps capturing.
/// </summary>
internal sealed class TeeTextWriter(TextWriter original, CapturedStream captured) : TextWriter(original.FormatProvider)
{
    private bool _originalFailed;

    public override Encoding Encoding => original.Encoding;

    public override void Write(char value)
    {
        captured.Append(new ReadOnlySpan<char>(in value));
        ToOriginal(value, static (writer, value) => writer.Write(value));
    }

    public override void Write(char[] buffer, int index, int count)
    {
        captured.Append(buffer.AsSpan(index, count));
        ToOriginal((buffer, index, count), static (writer, text) => writer.Write(text.buffer, text.index, text.count));
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        captured.Append(buffer);
        if (!_originalFailed)
        {
            try
            {
                original.Write(buffer);
            }
            catch (IOException)
            {
                _originalFailed = true;
            }
        }
    }

    public override void Write(string? value)
    {
        captured.Append(value);
        ToOriginal(value, static (writer, value) => writer.Write(value));
    }

    public override void Flush() => ToOriginal(0, static (writer, _) => writer.Flush());

    private void ToOriginal<TText>(TText text, Action<TextWriter, TText> write)
    {
        if (_originalFailed)
        {
            return;
        }

        try
        {
            write(original, text);
        }
        catch (IOException)
        {
            _originalFailed = true;
        }
    }
}
