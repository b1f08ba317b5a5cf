using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Sacred.Capture;

/// <summary>The few POSIX calls that fd-level capture needs, with the retries every caller would repeat. The
/// pseudo-terminal calls are in <c>Libc.PseudoTerminal.cs</c>.</summary>
internal static partial class Libc
{
    internal const int Interrupted = 4; // EINTR, the same on Linux and macOS
    internal const int BrokenPipe = 32; // EPIPE, the same on Linux and macOS
    internal const short PollIn = 0x1;

    private const string Library = "libc";
    private const int LinuxBusy = 16; // EBUSY: dup2 racing an open() of the target on Linux
    private const int LinuxCloseOnExec = 0x80000; // O_CLOEXEC
    private const int LinuxDuplicateCloseOnExec = 1030; // F_DUPFD_CLOEXEC
    private const int LinuxSetPipeSize = 1031; // F_SETPIPE_SZ

    private static int WouldBlock => OperatingSystem.IsMacOS() ? 35 : 11; // EAGAIN

    internal static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>"<paramref name="call"/> failed: message of the last errno".</summary>
    internal static string Describe(string call) => call + " failed: " + Marshal.GetPInvokeErrorMessage(LastError);

    /// <summary>A second descriptor for the file <paramref name="descriptor"/> points at; close-on-exec on Linux
    /// (macOS has no non-variadic way to ask for it).</summary>
    internal static int Duplicate(int descriptor) =>
        OperatingSystem.IsLinux() ? Fcntl(descriptor, LinuxDuplicateCloseOnExec, 0) : Dup(descriptor);

    /// <summary>Points <paramref name="target"/> at the file <paramref name="source"/> points at.</summary>
    internal static int Redirect(int source, int target)
    {
        int result;
        do
        {
            result = Dup2(source, target);
        }
        while (result < 0 && (LastError == Interrupted || (OperatingSystem.IsLinux() && LastError == LinuxBusy)));
        return result;
    }

    /// <summary>Creates a pipe (close-on-exec on Linux); 0, or -1 with errno set.</summary>
    internal static unsafe int CreatePipe(out int readEnd, out int writeEnd)
    {
        var ends = stackalloc int[2];
        var result = OperatingSystem.IsLinux() ? Pipe2(ends, LinuxCloseOnExec) : Pipe(ends);
        readEnd = ends[0];
        writeEnd = ends[1];
        return result;
    }

    /// <summary>Asks Linux for a bigger pipe buffer, so a burst of output rarely blocks the writer; best effort.</summary>
    internal static void TryEnlargePipe(int descriptor, int bytes)
    {
        if (OperatingSystem.IsLinux())
        {
            Fcntl(descriptor, LinuxSetPipeSize, bytes);
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/>; 0, or the errno of the write that failed.</summary>
    internal static unsafe int WriteAll(int descriptor, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            var written = 0;
            while (written < bytes.Length)
            {
                var count = Write(descriptor, start + written, (nuint)(bytes.Length - written));
                if (count >= 0)
                {
                    written += (int)count;
                    continue;
                }

                var error = LastError;
                if (error == WouldBlock)
                {
                    // Someone made the descriptor non-blocking (it is shared with whoever else has it open).
                    Thread.Sleep(1);
                }
                else if (error != Interrupted)
                {
                    return error;
                }
            }
        }

        return 0;
    }

    /// <summary>Reads up to <paramref name="buffer"/>'s length; the count, 0 at end of file, -1 on error.</summary>
    internal static unsafe int ReadSome(int descriptor, Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var count = Read(descriptor, start, (nuint)buffer.Length);
                if (count >= 0 || LastError != Interrupted)
                {
                    return (int)count;
                }
            }
        }
    }

    /// <summary>Waits until one of <paramref name="descriptors"/> can be read (or is at end of file);
    /// <paramref name="timeoutMs"/> -1 waits forever. The number ready, or -1 on error.</summary>
    internal static unsafe int WaitReadable(Span<PollDescriptor> descriptors, int timeoutMs)
    {
        fixed (PollDescriptor* start = descriptors)
        {
            while (true)
            {
                var ready = Poll(start, (nuint)descriptors.Length, timeoutMs);
                if (ready >= 0 || LastError != Interrupted)
                {
                    return ready;
                }
            }
        }
    }

    /// <summary>Writes out what C's stdio holds in its buffers for every output stream (<c>fflush(NULL)</c>), as
    /// libc does at exit; text that <c>printf</c> left there while output was a pipe or a file reaches the capture.</summary>
    internal static void FlushStdio() => FlushStream(0);

    /// <summary>Whether <paramref name="descriptor"/> is a terminal.</summary>
    internal static bool IsTerminal(int descriptor) => IsATty(descriptor) == 1;

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int descriptor);

    [LibraryImport(Library, EntryPoint = "fflush", SetLastError = true)]
    private static partial int FlushStream(nint stream);

    [LibraryImport(Library, EntryPoint = "isatty", SetLastError = true)]
    private static partial int IsATty(int descriptor);

    [LibraryImport(Library, EntryPoint = "dup", SetLastError = true)]
    private static partial int Dup(int descriptor);

    [LibraryImport(Library, EntryPoint = "dup2", SetLastError = true)]
    private static partial int Dup2(int source, int target);

    // fcntl is variadic; declaring the int argument is exact on Linux's calling conventions, which are the only
    // ones it is used with here.
    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int descriptor, int command, int argument);

    [LibraryImport(Library, EntryPoint = "pipe", SetLastError = true)]
    private static unsafe partial int Pipe(int* ends);

    [LibraryImport(Library, EntryPoint = "pipe2", SetLastError = true)]
    private static unsafe partial int Pipe2(int* ends, int flags);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int descriptor, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int descriptor, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMs);

    /// <summary>C's <c>struct pollfd</c> (the same layout on Linux and macOS).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;

        public PollDescriptor(int descriptor)
        {
            Descriptor = descriptor;
            Events = PollIn;
        }
    }
}
