using System;
using System.Runtime.InteropServices;

namespace Sacred.Capture;

/// <summary>The pseudo-terminal calls, with Linux's constants: capture through a pseudo-terminal is used on Linux
/// only (<c>ioctl</c> is variadic, and its declaration here is exact only with Linux's calling conventions).</summary>
internal static partial class Libc
{
    private const int LinuxReadWrite = 0x2; // O_RDWR
    private const int LinuxNoControllingTerminal = 0x100; // O_NOCTTY
    private const nuint LinuxGetWindowSize = 0x5413; // TIOCGWINSZ
    private const nuint LinuxSetWindowSize = 0x5414; // TIOCSWINSZ
    private const int SetNow = 0; // TCSANOW

    // Larger than struct termios on Linux (60 bytes) and macOS (72): the settings are copied, never read here.
    private const int TerminalSettingsSize = 256;
    private const int TerminalNameSize = 1024;

    /// <summary>Opens a new pseudo-terminal's master side (close-on-exec, never our controlling terminal), ready
    /// for its slave side to be opened; -1 with errno set.</summary>
    internal static int OpenPseudoTerminal()
    {
        // glibc passes the flags on to open("/dev/ptmx"), so close-on-exec is honoured.
        var master = PosixOpenPt(LinuxReadWrite | LinuxNoControllingTerminal | LinuxCloseOnExec);
        if (master < 0)
        {
            return -1;
        }

        if (GrantPt(master) < 0 || UnlockPt(master) < 0)
        {
            var error = LastError;
            Close(master);
            Marshal.SetLastPInvokeError(error);
            return -1;
        }

        return master;
    }

    /// <summary>Opens the slave side of <paramref name="master"/> (close-on-exec, never our controlling
    /// terminal); -1 with errno set.</summary>
    internal static unsafe int OpenPseudoTerminalSlave(int master)
    {
        var name = stackalloc byte[TerminalNameSize];
        var error = PtsNameR(master, name, TerminalNameSize);
        if (error != 0)
        {
            Marshal.SetLastPInvokeError(error);
            return -1;
        }

        int slave;
        do
        {
            slave = Open(name, LinuxReadWrite | LinuxNoControllingTerminal | LinuxCloseOnExec);
        }
        while (slave < 0 && LastError == Interrupted);
        return slave;
    }

    /// <summary>The name of the terminal <paramref name="descriptor"/> is (/dev/pts/3), or null.</summary>
    internal static unsafe string? TerminalName(int descriptor)
    {
        var name = stackalloc byte[TerminalNameSize];
        return TtyNameR(descriptor, name, TerminalNameSize) == 0 ? Marshal.PtrToStringUTF8((nint)name) : null;
    }

    /// <summary>Gives terminal <paramref name="target"/> the settings (line discipline, output processing) of
    /// terminal <paramref name="source"/>; best effort.</summary>
    internal static unsafe void CopyTerminalSettings(int source, int target)
    {
        var settings = stackalloc byte[TerminalSettingsSize];
        if (TcGetAttr(source, settings) == 0)
        {
            TcSetAttr(target, SetNow, settings);
        }
    }

    /// <summary>Gives terminal <paramref name="target"/> the window size of terminal <paramref name="source"/>;
    /// false when the source has none.</summary>
    internal static unsafe bool CopyWindowSize(int source, int target)
    {
        WindowSize size;
        return IoctlWindowSize(source, LinuxGetWindowSize, &size) == 0 && size.Rows > 0
            && IoctlWindowSize(target, LinuxSetWindowSize, &size) == 0;
    }

    /// <summary>The number of rows of terminal <paramref name="descriptor"/>, or 0 when it has none.</summary>
    internal static unsafe int WindowRows(int descriptor)
    {
        WindowSize size;
        return IoctlWindowSize(descriptor, LinuxGetWindowSize, &size) == 0 ? size.Rows : 0;
    }

    [LibraryImport(Library, EntryPoint = "posix_openpt", SetLastError = true)]
    private static partial int PosixOpenPt(int flags);

    [LibraryImport(Library, EntryPoint = "grantpt", SetLastError = true)]
    private static partial int GrantPt(int master);

    [LibraryImport(Library, EntryPoint = "unlockpt", SetLastError = true)]
    private static partial int UnlockPt(int master);

    [LibraryImport(Library, EntryPoint = "ptsname_r")]
    private static unsafe partial int PtsNameR(int master, byte* name, nuint size);

    [LibraryImport(Library, EntryPoint = "ttyname_r")]
    private static unsafe partial int TtyNameR(int descriptor, byte* name, nuint size);

    // open is variadic; without O_CREAT the mode argument is never read, so the two fixed arguments are exact.
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true)]
    private static unsafe partial int Open(byte* path, int flags);

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    private static unsafe partial int TcGetAttr(int descriptor, byte* settings);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    private static unsafe partial int TcSetAttr(int descriptor, int when, byte* settings);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int IoctlWindowSize(int descriptor, nuint request, WindowSize* size);

    /// <summary>C's <c>struct winsize</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct WindowSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort Width;
        public ushort Height;
    }
}
