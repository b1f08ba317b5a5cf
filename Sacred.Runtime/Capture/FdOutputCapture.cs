using System;
using System.Diagnostics;
using System.IO;

namespace Sacred.Capture;

/// <summary>
/// <c>--capture=fd</c>: fds 1 and 2 are pointed at pipes, so output of native libraries and child processes is
/// captured too. <see cref="Console.Out"/> and <see cref="Console.Error"/> are replaced by writers onto fds 1 and
/// 2 themselves, because .NET's default ones write to duplicates taken before the redirect.
/// </summary>
internal sealed class FdOutputCapture : OutputCapture
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly DescriptorTee _stdout;
    private readonly DescriptorTee _stderr;
    private readonly ConsoleWriters _writers;

    private FdOutputCapture(CapturedText text, DescriptorTee stdout, DescriptorTee stderr, ConsoleWriters writers)
        : base(text)
    {
        _stdout = stdout;
        _stderr = stderr;
        _writers = writers;
    }

    public override CaptureMode Mode => CaptureMode.Fd;

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
        var stdout = DescriptorTee.TryStart(1, text, out error);
        if (stdout is null)
        {
            return null;
        }

        var stderr = DescriptorTee.TryStart(2, text, out error);
        if (stderr is null)
        {
            stdout.Restore();
            stdout.RequestDrain();
            stdout.WaitDrained(DrainTimeout);
            return null;
        }

        var writers = ConsoleWriters.Replace(_ => CreateWriter(1), _ => CreateWriter(2));
        return new FdOutputCapture(text, stdout, stderr, writers);
    }

    protected override void Release()
    {
        _writers.Restore();
        _stdout.Restore();
        _stderr.Restore();
        _stdout.RequestDrain();
        _stderr.RequestDrain();
        var waited = Stopwatch.StartNew();
        var drained = _stdout.WaitDrained(DrainTimeout);
        drained &= _stderr.WaitDrained(DrainTimeout - Min(waited.Elapsed, DrainTimeout));
        if (!drained)
        {
            Console.Error.WriteLine(
                $"sacred: stopped waiting for captured output after {DrainTimeout.TotalSeconds:0} s; what came after is not recorded.");
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static StreamWriter CreateWriter(int descriptor) =>
        new(new DescriptorWriteStream(descriptor), Console.OutputEncoding) { AutoFlush = true };
}
