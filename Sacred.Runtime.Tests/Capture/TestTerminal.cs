using System;
using System.Runtime.InteropServices;
using System.Text;
using Sacred.Capture;
using Xunit;

namespace Sacred.Runtime.Tests.Capture;

/// <summary>
/// A pseudo-terminal standing in for the user's terminal window: a program writes to its slave side, and what the
/// window would be sent is read from its master side.
/// </summary>
internal sealed partial class TestTerminal : IDisposable
{
    private const nuint SetWindowSizeRequest = 0x5414; // TIOCSWINSZ on Linux
    private const nuint GetWindowSizeRequest = 0x5413; // TIOCGWINSZ on Linux

    private readonly StringBuilder _shown = new();
    private readonly Utf8ChunkDecoder _decoder = new();
    private int _master;
    private int _slave;

    private TestTerminal(int master, int slave)
    {
        _master = master;
        _slave = slave;
    }

    public int Slave => _slave;

    /// <summary>Opens a terminal of <paramref name="rows"/> by <paramref name="columns"/>.</summary>
    public static TestTerminal Open(int rows, int columns)
    {
        var master = Libc.OpenPseudoTerminal();
        Assert.True(master >= 0, Libc.Describe("posix_openpt"));
        var slave = Libc.OpenPseudoTerminalSlave(master);
        Assert.True(slave >= 0, Libc.Describe("open(slave)"));
        var terminal = new TestTerminal(master, slave);
        terminal.Resize(rows, columns);
        return terminal;
    }

    /// <summary>The window size of the terminal <paramref name="descriptor"/> is, as "ROWSxCOLUMNS".</summary>
    public static string WindowSizeOf(int descriptor)
    {
        var size = default(WindowSize);
        Assert.Equal(0, Ioctl(descriptor, GetWindowSizeRequest, ref size));
        return $"{size.Rows}x{size.Columns}";
    }

    /// <summary>Changes the window size, as dragging the window's corner does.</summary>
    public void Resize(int rows, int columns)
    {
        var size = new WindowSize { Rows = (ushort)rows, Columns = (ushort)columns };
        Assert.Equal(0, Ioctl(_master, SetWindowSizeRequest, ref size));
    }

    /// <summary>Everything the window was sent so far, as text.</summary>
    public string ReadShown()
    {
        var buffer = new byte[65536];
        Span<Libc.PollDescriptor> watched = [new(_master)];
        while (Libc.WaitReadable(watched, 0) > 0 && (watched[0].ReturnedEvents & Libc.PollIn) != 0)
        {
            var count = Libc.ReadSome(_master, buffer);
            if (count <= 0)
            {
                break;
            }

            _shown.Append(_decoder.Decode(buffer.AsSpan(0, count), final: false));
        }

        return _shown.ToString();
    }

    /// <summary>Closes the window: writing to the terminal fails from now on.</summary>
    public void Close()
    {
        if (_master >= 0)
        {
            Libc.Close(_master);
            _master = -1;
        }
    }

    public void Dispose()
    {
        Close();
        if (_slave >= 0)
        {
            Libc.Close(_slave);
            _slave = -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "ioctl")]
    private static partial int Ioctl(int descriptor, nuint request, ref WindowSize size);

    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort Width;
        public ushort Height;
    }
}
