using System;
using System.Threading;

namespace Sacred.Capture;

/// <summary>
/// Standard descriptors (1, 2) pointed at a pipe or at a pseudo-terminal's slave side. A reader thread hands every
/// byte to the capture and copies it to where the first descriptor pointed before, so the user still sees it. After
/// <see cref="RequestDrain"/> the reader captures what is already there, signals, then only copies until every
/// writer is gone (a child process may outlive the run; it must not get SIGPIPE). When the copy fails (the terminal
/// was closed, the pipe's reader left) it stops copying and keeps capturing.
/// </summary>
internal sealed class DescriptorTee
{
    private const int ChunkSize = 64 * 1024;
    private const int PipeSize = 1024 * 1024;

    private readonly int[] _targets;
    private readonly int[] _originals;
    private readonly int _readEnd;
    private readonly int _wakeReadEnd;
    private readonly int _wakeWriteEnd;
    private readonly bool _terminal;
    private readonly CapturedStream _captured;
    private readonly ManualResetEventSlim _drained = new();
    // Whoever is last, the reader or Stop, closes the descriptors both of them use.
    private readonly Lock _lifetimeLock = new();
    private readonly Utf8ChunkDecoder _decoder = new();
    private bool _restored;
    private bool _drainRequested;
    private bool _finished;
    private bool _copyFailed;

    private DescriptorTee(int[] targets, int[] originals, int readEnd, int wakeReadEnd, int wakeWriteEnd, bool terminal, CapturedStream captured)
    {
        _targets = targets;
        _originals = originals;
        _readEnd = readEnd;
        _wakeReadEnd = wakeReadEnd;
        _wakeWriteEnd = wakeWriteEnd;
        _terminal = terminal;
        _captured = captured;
    }

    /// <summary>Redirects <paramref name="target"/> into a new pipe and starts its reader, which appends to a new
    /// stream of <paramref name="text"/>; null and the reason when a call fails, with nothing left changed.</summary>
    public static DescriptorTee? TryStartPipe(int target, CapturedText text, out string error)
    {
        var original = Libc.Duplicate(target);
        if (original < 0)
        {
            error = Libc.Describe($"dup({target})");
            return null;
        }

        if (Libc.CreatePipe(out var readEnd, out var writeEnd) < 0)
        {
            error = Libc.Describe("pipe");
            Libc.Close(original);
            return null;
        }

        if (Libc.CreatePipe(out var wakeReadEnd, out var wakeWriteEnd) < 0)
        {
            error = Libc.Describe("pipe");
            CloseAll(original, readEnd, writeEnd);
            return null;
        }

        Libc.TryEnlargePipe(writeEnd, PipeSize);
        if (Libc.Redirect(writeEnd, target) < 0)
        {
            error = Libc.Describe($"dup2(pipe, {target})");
            CloseAll(original, readEnd, writeEnd, wakeReadEnd, wakeWriteEnd);
            return null;
        }

        // From here on the target is the pipe's only write end we hold, so restoring the target closes it.
        Libc.Close(writeEnd);
        error = string.Empty;
        return new DescriptorTee([target], [original], readEnd, wakeReadEnd, wakeWriteEnd, terminal: false, text.AddStream()).Start();
    }

    /// <summary>
    /// Points <paramref name="targets"/>, which are all the same terminal, at the slave side of a new
    /// pseudo-terminal with that terminal's settings and window size, and starts a reader of its master side, which
    /// appends to one new stream of <paramref name="text"/> and copies the raw bytes to the terminal. Linux only;
    /// null and the reason when a call fails, with nothing left changed.
    /// </summary>
    public static DescriptorTee? TryStartTerminal(int[] targets, CapturedText text, out string error)
    {
        var originals = new int[targets.Length];
        for (var index = 0; index < targets.Length; index++)
        {
            originals[index] = Libc.Duplicate(targets[index]);
            if (originals[index] < 0)
            {
                error = Libc.Describe($"dup({targets[index]})");
                CloseAll(originals.AsSpan(0, index));
                return null;
            }
        }

        var master = Libc.OpenPseudoTerminal();
        var slave = master < 0 ? -1 : Libc.OpenPseudoTerminalSlave(master);
        if (slave < 0)
        {
            error = Libc.Describe(master < 0 ? "posix_openpt" : "open(pseudo-terminal slave)");
            CloseAll(originals);
            if (master >= 0)
            {
                Libc.Close(master);
            }

            return null;
        }

        if (Libc.CreatePipe(out var wakeReadEnd, out var wakeWriteEnd) < 0)
        {
            error = Libc.Describe("pipe");
            CloseAll(originals);
            CloseAll(master, slave);
            return null;
        }

        Libc.CopyTerminalSettings(originals[0], slave);
        Libc.CopyWindowSize(originals[0], master);
        var rows = Libc.WindowRows(master);
        for (var index = 0; index < targets.Length; index++)
        {
            if (Libc.Redirect(slave, targets[index]) < 0)
            {
                error = Libc.Describe($"dup2(pseudo-terminal, {targets[index]})");
                for (var redirected = 0; redirected < index; redirected++)
                {
                    Libc.Redirect(originals[redirected], targets[redirected]);
                }

                CloseAll(originals);
                CloseAll(master, slave, wakeReadEnd, wakeWriteEnd);
                return null;
            }
        }

        // As with a pipe: the targets hold the slave side now, and once they and any children let go of it, reading
        // the master side fails (EIO), which ends the copy.
        Libc.Close(slave);
        error = string.Empty;
        var stream = text.AddStream(rows > 0 ? rows : TerminalLineBuffer.DefaultScreenRows);
        return new DescriptorTee(targets, originals, master, wakeReadEnd, wakeWriteEnd, terminal: true, stream).Start();
    }

    /// <summary>Points the descriptors back where they pointed before.</summary>
    public void Restore()
    {
        lock (_lifetimeLock)
        {
            for (var index = 0; index < _targets.Length; index++)
            {
                Libc.Redirect(_originals[index], _targets[index]);
            }

            _restored = true;
            if (_finished)
            {
                CloseAll(_originals);
            }
        }
    }

    /// <summary>Gives the pseudo-terminal the window size the user's terminal has now (after SIGWINCH).</summary>
    public void FollowWindowSize()
    {
        lock (_lifetimeLock)
        {
            if (_terminal && !_finished)
            {
                Libc.CopyWindowSize(_originals[0], _readEnd);
            }
        }
    }

    /// <summary>Asks the reader to capture what is in the pipe now and then stop capturing. A byte, not just the
    /// close, because on macOS a child process may have inherited the wake pipe's write end.</summary>
    public void RequestDrain()
    {
        lock (_lifetimeLock)
        {
            // Once the reader is gone its wake end may be closed: a write then would raise SIGPIPE.
            if (!_finished)
            {
                Libc.WriteAll(_wakeWriteEnd, "x"u8);
            }

            Libc.Close(_wakeWriteEnd);
            _drainRequested = true;
            if (_finished)
            {
                Libc.Close(_wakeReadEnd);
            }
        }
    }

    /// <summary>Waits until the reader has captured everything written before <see cref="RequestDrain"/>.</summary>
    public bool WaitDrained(TimeSpan timeout) => _drained.Wait(timeout);

    private static void CloseAll(params ReadOnlySpan<int> descriptors)
    {
        foreach (var descriptor in descriptors)
        {
            Libc.Close(descriptor);
        }
    }

    private void Run()
    {
        // On the pinned heap: it stays pinned through every blocking read.
        var buffer = GC.AllocateUninitializedArray<byte>(ChunkSize, pinned: true);
        try
        {
            if (CaptureUntilDrainRequested(buffer) && CaptureWhatIsLeft(buffer))
            {
                FinishCapture();
                CopyUntilEnd(buffer);
            }
            else
            {
                FinishCapture();
            }
        }
        finally
        {
            _drained.Set();
            lock (_lifetimeLock)
            {
                Libc.Close(_readEnd);
                _finished = true;
                if (_restored)
                {
                    CloseAll(_originals);
                }

                if (_drainRequested)
                {
                    Libc.Close(_wakeReadEnd);
                }
            }
        }
    }

    /// <summary>Captures until a drain is requested (true) or every writer is gone (false).</summary>
    private bool CaptureUntilDrainRequested(byte[] buffer)
    {
        Span<Libc.PollDescriptor> watched = [new(_readEnd), new(_wakeReadEnd)];
        while (true)
        {
            if (Libc.WaitReadable(watched, -1) < 0)
            {
                return true;
            }

            // Data first: whatever is in the pipe when the drain request comes must still be captured.
            if (watched[0].ReturnedEvents != 0)
            {
                if (!CaptureChunk(buffer))
                {
                    return false;
                }
            }
            else if (watched[1].ReturnedEvents != 0)
            {
                return true;
            }
        }
    }

    /// <summary>Captures what the pipe holds right now; false when every writer is gone.</summary>
    private bool CaptureWhatIsLeft(byte[] buffer)
    {
        Span<Libc.PollDescriptor> watched = [new(_readEnd)];
        while (Libc.WaitReadable(watched, 0) > 0)
        {
            if (!CaptureChunk(buffer))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads one chunk, captures it, then copies it on; false at end of file (for a pseudo-terminal: the
    /// EIO that says no slave is open any more).</summary>
    private bool CaptureChunk(byte[] buffer)
    {
        var count = Libc.ReadSome(_readEnd, buffer);
        if (count <= 0)
        {
            return false;
        }

        var bytes = buffer.AsSpan(0, count);
        _captured.Append(_decoder.Decode(bytes, final: false));
        CopyToOriginal(bytes);
        return true;
    }

    private void FinishCapture()
    {
        _captured.Append(_decoder.Decode([], final: true));
        _drained.Set();
    }

    private void CopyUntilEnd(byte[] buffer)
    {
        int count;
        while ((count = Libc.ReadSome(_readEnd, buffer)) > 0)
        {
            CopyToOriginal(buffer.AsSpan(0, count));
        }
    }

    private DescriptorTee Start()
    {
        var names = string.Join(" and ", _targets);
        new Thread(Run) { IsBackground = true, Name = $"Sacred capture of fd {names}" }.Start();
        return this;
    }

    private void CopyToOriginal(ReadOnlySpan<byte> bytes)
    {
        // When the original is gone (a closed terminal or pipe, a full disk), keep capturing and stop copying.
        _copyFailed = _copyFailed || Libc.WriteAll(_originals[0], bytes) != 0;
    }
}
