using System;
using System.Threading;

namespace Sacred.Capture;

/// <summary>
/// Captures the run's stdout and stderr, merged in arrival order, while the user still sees them. The text is
/// processed like a terminal shows it (<see cref="TerminalLineBuffer"/>) and handed out as completed lines, so
/// what a heartbeat sends is never changed later.
/// </summary>
internal abstract class OutputCapture(CapturedText text) : IDisposable
{
    private static int s_fallbackReported;

    private int _stopping;

    /// <summary>The mode in effect: <see cref="CaptureMode.Sys"/> when fd-level capture was asked for but is not
    /// possible here.</summary>
    public abstract CaptureMode Mode { get; }

    /// <summary>Starts capturing. <see cref="CaptureMode.Fd"/> falls back to <see cref="CaptureMode.Sys"/>, saying
    /// so once on stderr, where the standard descriptors cannot be redirected.</summary>
    public static OutputCapture Start(CaptureMode mode) => mode switch
    {
        CaptureMode.Fd => FdOutputCapture.TryStart(out var reason) ?? StartSysInsteadOfFd(reason),
        CaptureMode.Sys => SysOutputCapture.Start(),
        CaptureMode.No => new NoOutputCapture(),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown capture mode."),
    };

    /// <summary>The lines completed since the previous call (each ending with <c>\n</c>), or "". Thread-safe.</summary>
    public string TakeCompletedLines() => text.TakeCompletedLines();

    /// <summary>
    /// Stops capturing, restores stdout and stderr, and returns everything not taken yet, including an unfinished
    /// last line. Waits for output already written to come through, but never long. Later calls return "".
    /// </summary>
    public string Stop()
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            return string.Empty;
        }

        Release();
        return text.Close();
    }

    /// <summary>Stops capturing, discarding what was not taken.</summary>
    public void Dispose()
    {
        Stop();
        GC.SuppressFinalize(this);
    }

    /// <summary>Falls back to Console-level capture, telling the user once per process why.</summary>
    internal static OutputCapture StartSysInsteadOfFd(string reason)
    {
        if (Interlocked.Exchange(ref s_fallbackReported, 1) == 0)
        {
            Console.Error.WriteLine(
                $"sacred: cannot capture output at the file-descriptor level ({reason}); capturing Console output only, as with --capture=sys.");
        }

        return SysOutputCapture.Start();
    }

    /// <summary>Undoes the redirection and waits (bounded) until all output written so far has been appended.</summary>
    protected abstract void Release();
}
