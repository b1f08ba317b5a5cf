using System;
using System.IO;
using System.Text;
using Sacred.Capture;
using Xunit;

namespace Sacred.Runtime.Tests.Capture;

/// <summary>
/// Points fds 1 and 2 somewhere a test can read (standing in for the user's terminal) and puts them back on
/// dispose, so capture tests neither print into the test run's output nor depend on it.
/// </summary>
internal sealed class StandardStreams : IDisposable
{
    private readonly int _savedOut;
    private readonly int _savedError;

    private StandardStreams(int stdout, int stderr)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        _savedOut = Check(Libc.Duplicate(1));
        _savedError = Check(Libc.Duplicate(2));
        Check(Libc.Redirect(stdout, 1));
        Check(Libc.Redirect(stderr, 2));
    }

    public string OutPath { get; private init; } = string.Empty;

    public string ErrorPath { get; private init; } = string.Empty;

    /// <summary>Points fds 1 and 2 at two new files in <paramref name="files"/>.</summary>
    public static StandardStreams ToFiles(TempFiles files)
    {
        var outPath = files.PathOf("terminal-out.txt");
        var errorPath = files.PathOf("terminal-err.txt");
        using var stdout = File.OpenHandle(outPath, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        using var stderr = File.OpenHandle(errorPath, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        return new StandardStreams((int)stdout.DangerousGetHandle(), (int)stderr.DangerousGetHandle())
        {
            OutPath = outPath,
            ErrorPath = errorPath,
        };
    }

    /// <summary>Points fd 1 at <paramref name="stdout"/> and fd 2 at /dev/null.</summary>
    public static StandardStreams ToDescriptor(int stdout)
    {
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        return new StandardStreams(stdout, (int)devNull.DangerousGetHandle());
    }

    /// <summary>Points fds 1 and 2 at <paramref name="terminal"/>'s slave side, as on a console.</summary>
    public static StandardStreams ToTerminal(TestTerminal terminal) => new(terminal.Slave, terminal.Slave);

    /// <summary>Points fds 1 and 2 at /dev/null.</summary>
    public static StandardStreams ToNull()
    {
        using var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write);
        var descriptor = (int)devNull.DangerousGetHandle();
        return new StandardStreams(descriptor, descriptor);
    }

    /// <summary>What reached fd 1's stand-in file so far.</summary>
    public string Out => File.ReadAllText(OutPath);

    /// <summary>What reached fd 2's stand-in file so far.</summary>
    public string Error => File.ReadAllText(ErrorPath);

    /// <summary>Writes with the <c>write</c> system call, as native code would, bypassing .NET's writers.</summary>
    public static void WriteNative(int descriptor, string text) => WriteNative(descriptor, Encoding.UTF8.GetBytes(text));

    public static void WriteNative(int descriptor, ReadOnlySpan<byte> bytes) => Assert.Equal(0, Libc.WriteAll(descriptor, bytes));

    public void Dispose()
    {
        Console.Out.Flush();
        Console.Error.Flush();
        Libc.Redirect(_savedOut, 1);
        Libc.Redirect(_savedError, 2);
        Libc.Close(_savedOut);
        Libc.Close(_savedError);
    }

    private static int Check(int result) => result >= 0 ? result : throw new IOException(Libc.Describe("dup"));
}
