using System;
using System.Threading;

namespace Sacred.Capture;

/// <summary>
/// A standard descriptor (1 or 2) pointed at a pipe. A reader thread hands every byte to the capture and copies
/// it to where the descriptor pointed before, so the user still sees it. After <see cref="RequestDrain"/> the
/// reader captures what is already in the pipe, signals, then only copies until every writer is gone (a child
/// process may outlive the run; it must not get SIGPIPE).
/// </summary>
internal sealed class DescriptorTee
{
    private const int ChunkSize = 64 * 1024;
    private const int PipeSize = 1024 * 1024;

    private readonly int _target;
    private readonly int _original;
    private readonly int _readEnd;
    private readonly int _wakeReadEnd;
    private readonly int _wakeWriteEnd;
    private readonly CapturedText _captured;
    private readonly ManualResetEventSlim _drained = new();
    // Whoever is last, the reader or Stop, closes the descriptors both of them use.
    private readonly Lock _lifetimeLock = new();
    private readonly Utf8ChunkDecoder _decoder = new();
    private bool _restored;
    private bool _drainRequested;
    private bool _finished;
    private bool _copyFailed;

    private DescriptorTee(int target, int original, int readEnd, int wakeReadEnd, int wakeWriteEnd, CapturedText captured)
    {
        _target = target;
        _original = original;
        _readEnd = readEnd;
        _wakeReadEnd = wakeReadEnd;
        _wakeWriteEnd = wakeWriteEnd;
        _captured = captured;
    }

    /// <summary>Redirects <paramref name="target"/> into a new pipe and starts its reader; null and the reason
    /// when a call fails, with nothing left changed.</summary>
    public static DescriptorTee? TryStart(int target, CapturedText captured, out string error)
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
        var tee = new DescriptorTee(target, original, readEnd, wakeReadEnd, wakeWriteEnd, captured);
        new Thread(tee.Run) { IsBackground = true, Name = $"Sacred capture of fd {target}" }.Start();
        error = string.Empty;
        return tee;
    }

    /// <summary>Points the descriptor back where it pointed before.</summary>
    public void Restore()
    {
        lock (_lifetimeLock)
        {
            Libc.Redirect(_original, _target);
            _restored = true;
            if (_finished)
            {
                Libc.Close(_original);
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
            Libc.Close(_readEnd);
            _drained.Set();
            lock (_lifetimeLock)
            {
                _finished = true;
                if (_restored)
                {
                    Libc.Close(_original);
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

    /// <summary>Reads one chunk, captures it, then copies it on; false at end of file.</summary>
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

    private void CopyToOriginal(ReadOnlySpan<byte> bytes)
    {
        // When the original is gone (a closed pipe, a full disk), keep capturing and stop trying to copy.
        _copyFailed = _copyFailed || Libc.WriteAll(_original, bytes) != 0;
    }
}
