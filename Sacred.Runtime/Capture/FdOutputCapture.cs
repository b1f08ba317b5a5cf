using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace Sacred.Capture;

/// <summary>
/// <c>--capture=fd</c>: fds 1 and 2 are pointed elsewhere, so output of native libraries and child processes is
/// captured too. Where they are a terminal (Linux), they are pointed at a pseudo-terminal that copies everything to
/// the real one, as <c>script</c> does, so the program still sees a terminal (live progress bars, colours); otherwise
/// each is pointed at a pipe. <see cref="Console.Out"/> and <see cref="Console.Error"/> are replaced by writers onto
/// fds 1 and 2 themselves, because .NET's default ones write to duplicates taken before the redirect.
/// </summary>
internal sealed class FdOutputCapture : OutputCapture
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);
    private static readonly int[] StandardTargets = [1, 2];
    private static int s_terminalFallbackReported;

    private readonly List<DescriptorTee> _tees;
    private readonly ConsoleWriters _writers;
    private readonly PosixSignalRegistration? _windowChanges;

    private FdOutputCapture(CapturedText text, List<DescriptorTee> tees, DescriptorTee? terminal, ConsoleWriters writers)
        : base(text)
    {
        _tees = tees;
        _writers = writers;
        ThroughTerminal = terminal is not null;
        if (terminal is not null)
        {
            _windowChanges = FollowWindowSize(terminal);
        }
    }

    public override CaptureMode Mode => CaptureMode.Fd;

    /// <summary>True when stdout or stderr is captured through a pseudo-terminal.</summary>
    public bool ThroughTerminal { get; }

    /// <summary>Starts capturing; null and the reason where fds 1 and 2 cannot be redirected.</summary>
    public static FdOutputCapture? TryStart(out string error)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            error = "only on Linux and macOS";
            return null;
        }

        var text = new CapturedText();
        ConsoleWriters.Flush();
        Libc.FlushStdio();
        var tees = new List<DescriptorTee>();
        DescriptorTee? terminal = null;
        var terminalTargets = TerminalTargets();
        error = string.Empty;
        foreach (var target in StandardTargets)
        {
            DescriptorTee? tee;
            if (Array.IndexOf(terminalTargets, target) == 0)
            {
                tee = terminal = DescriptorTee.TryStartTerminal(terminalTargets, text, out var reason);
                if (tee is null)
                {
                    ReportTerminalFallback(reason);
                    terminalTargets = [];
                    tee = DescriptorTee.TryStartPipe(target, text, out error);
                }
            }
            else if (Array.IndexOf(terminalTargets, target) > 0)
            {
                continue;
            }
            else
            {
                tee = DescriptorTee.TryStartPipe(target, text, out error);
            }

            if (tee is null)
            {
                Undo(tees);
                return null;
            }

            tees.Add(tee);
        }

        var writers = ConsoleWriters.Replace(_ => CreateWriter(1), _ => CreateWriter(2));
        return new FdOutputCapture(text, tees, terminal, writers);
    }

    protected override void Release()
    {
        _windowChanges?.Dispose();
        _writers.Restore();
        var waited = Stopwatch.StartNew();
        var drained = FlushStdio(DrainTimeout);
        foreach (var tee in _tees)
        {
            tee.Restore();
        }

        foreach (var tee in _tees)
        {
            tee.RequestDrain();
        }

        foreach (var tee in _tees)
        {
            drained &= tee.WaitDrained(DrainTimeout - Min(waited.Elapsed, DrainTimeout));
        }

        if (!drained)
        {
            Console.Error.WriteLine(
                $"sacred: stopped waiting for captured output after {DrainTimeout.TotalSeconds:0} s; what came after is not recorded.");
        }
    }

    /// <summary>The standard descriptors to capture through one pseudo-terminal: those that are the same terminal
    /// (fd 1 first); none off Linux.</summary>
    private static int[] TerminalTargets()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var stdout = Libc.IsTerminal(1);
        var stderr = Libc.IsTerminal(2);
        return (stdout, stderr) switch
        {
            (true, true) => Libc.TerminalName(1) == Libc.TerminalName(2) ? [1, 2] : [1],
            (true, false) => [1],
            (false, true) => [2],
            _ => [],
        };
    }

    /// <summary>
    /// Writes out what printf and other C stdio calls still buffer, which libc would otherwise write at exit, after
    /// the capture ended (a pipe or a file makes stdout fully buffered). On a thread of its own, waited for at most
    /// <paramref name="timeout"/>: with the user's terminal stuck (Ctrl-S), the pipe fills and the flush blocks.
    /// </summary>
    private static bool FlushStdio(TimeSpan timeout)
    {
        // Not disposed: a flush that outlives the wait still sets it.
        var flushed = new ManualResetEventSlim();
        var flusher = new Thread(() =>
        {
            Libc.FlushStdio();
            flushed.Set();
        })
        {
            IsBackground = true,
            Name = "Sacred stdio flush",
        };
        flusher.Start();
        return flushed.Wait(timeout);
    }

    private static void ReportTerminalFallback(string reason)
    {
        if (Interlocked.Exchange(ref s_terminalFallbackReported, 1) == 0)
        {
            Console.Error.WriteLine(
                $"sacred: cannot capture through a pseudo-terminal ({reason}); capturing through pipes, so the program does not see a terminal.");
        }
    }

    private static PosixSignalRegistration? FollowWindowSize(DescriptorTee terminal)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => terminal.FollowWindowSize());
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    private static void Undo(List<DescriptorTee> tees)
    {
        foreach (var tee in tees)
        {
            tee.Restore();
            tee.RequestDrain();
            tee.WaitDrained(DrainTimeout);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static StreamWriter CreateWriter(int descriptor) =>
        new(new DescriptorWriteStream(descriptor), Console.OutputEncoding) { AutoFlush = true };
}
