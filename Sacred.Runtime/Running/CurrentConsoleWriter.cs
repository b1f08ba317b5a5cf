using System;
using System.IO;
using System.Text;

namespace Sacred.Running;

/// <summary>
/// Writes to whatever <see cref="Console.Out"/> or <see cref="Console.Error"/> is at the moment of writing, so the
/// host's own log lines follow the writers output capture installs for the length of a run.
/// </summary>
internal sealed class CurrentConsoleWriter : TextWriter
{
    private readonly bool _error;

    private CurrentConsoleWriter(bool error) => _error = error;

    public static TextWriter Out { get; } = new CurrentConsoleWriter(false);

    public static TextWriter Error { get; } = new CurrentConsoleWriter(true);

    public override Encoding Encoding => Target.Encoding;

    private TextWriter Target => _error ? Console.Error : Console.Out;

    public override void Write(char value) => Target.Write(value);

    public override void Write(string? value) => Target.Write(value);

    public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

    public override void Flush() => Target.Flush();
}
