using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using Sacred.Capture;
using Xunit;
using Xunit.Abstractions;

namespace Sacred.Runtime.Tests.Capture;

/// <summary>
/// Prints how fast output goes through fd capture (for bench/RESULTS.md; run with
/// <c>--logger "console;verbosity=detailed"</c>). Timings are printed, never asserted; completeness is asserted.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CaptureThroughputTests(ITestOutputHelper output)
{
    private const int TotalBytes = 32 * 1024 * 1024;
    private const int WritesPerTake = 16;
    private const int LineBytes = 8 * 1024 * 1024;

    [Fact]
    public void Fd_capture_throughput_is_printed_and_nothing_is_lost()
    {
        var chunk = Encoding.UTF8.GetBytes(BuildLines(64 * 1024));
        var text = Encoding.UTF8.GetString(chunk);
        using var terminal = StandardStreams.ToNull();

        for (var round = 1; round <= 3; round++)
        {
            var barePipe = Time(() => WriteThroughBarePipe(chunk));

            long captured = 0;
            var nativeTime = Time(() =>
            {
                var capture = OutputCapture.Start(CaptureMode.Fd);
                captured = WriteChunks(chunk, capture) + capture.Stop().Length;
            });
            Assert.Equal(TotalBytes, captured);

            var consoleTime = Time(() =>
            {
                var capture = OutputCapture.Start(CaptureMode.Fd);
                captured = 0;
                for (var writes = 1; writes * chunk.Length <= TotalBytes; writes++)
                {
                    Console.Out.Write(text);
                    captured += writes % WritesPerTake == 0 ? capture.TakeCompletedLines().Length : 0;
                }

                captured += capture.Stop().Length;
            });
            Assert.Equal(TotalBytes, captured);

            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var linesWithout = Time(() => WriteLines(lines, new StreamWriter(new DescriptorWriteStream(1)) { AutoFlush = true }));
            var linesWith = Time(() =>
            {
                var capture = OutputCapture.Start(CaptureMode.Fd);
                captured = WriteLines(lines, Console.Out, capture) + capture.Stop().Length;
            });
            Assert.Equal(LineBytes, captured);

            output.WriteLine($"round {round}, fds 1 and 2 on /dev/null, captured lines taken every MiB:");
            output.WriteLine($"  {TotalBytes >> 20} MiB in 64 KiB writes of 64-byte lines:");
            output.WriteLine($"    write() into a bare pipe, a thread reading and discarding: {Rate(barePipe, TotalBytes)}");
            output.WriteLine($"    write(1) with fd capture: {Rate(nativeTime, TotalBytes)}");
            output.WriteLine($"    Console.Out.Write with fd capture: {Rate(consoleTime, TotalBytes)}");
            output.WriteLine($"  {LineBytes >> 20} MiB as Console.WriteLine of 63 characters:");
            output.WriteLine($"    without capture (same writer kind, onto /dev/null): {Rate(linesWithout, LineBytes)}, {PerLine(linesWithout)}");
            output.WriteLine($"    with fd capture: {Rate(linesWith, LineBytes)}, {PerLine(linesWith)}");
        }
    }

    private static long WriteLines(string[] lines, TextWriter writer, OutputCapture? capture = null)
    {
        long taken = 0;
        for (var written = 0; written < LineBytes / 64; written++)
        {
            writer.WriteLine(lines[written % lines.Length]);
            taken += written % (1 << 14) == 0 ? capture?.TakeCompletedLines().Length ?? 0 : 0;
        }

        return taken;
    }

    private static long WriteChunks(byte[] chunk, OutputCapture capture)
    {
        long taken = 0;
        for (var writes = 1; writes * chunk.Length <= TotalBytes; writes++)
        {
            StandardStreams.WriteNative(1, chunk);
            taken += writes % WritesPerTake == 0 ? capture.TakeCompletedLines().Length : 0;
        }

        return taken;
    }

    /// <summary>The floor: the same writes into a pipe whose reader thread only reads.</summary>
    private static void WriteThroughBarePipe(byte[] chunk)
    {
        Assert.Equal(0, Libc.CreatePipe(out var readEnd, out var writeEnd));
        var reader = new Thread(() =>
        {
            var buffer = new byte[chunk.Length];
            while (Libc.ReadSome(readEnd, buffer) > 0)
            {
            }
        });
        reader.Start();
        for (var written = 0; written < TotalBytes; written += chunk.Length)
        {
            StandardStreams.WriteNative(writeEnd, chunk);
        }

        Libc.Close(writeEnd);
        reader.Join();
        Libc.Close(readEnd);
    }

    private static string BuildLines(int bytes)
    {
        var lines = new StringBuilder();
        for (var line = 0; lines.Length < bytes; line++)
        {
            lines.Append(string.Create(CultureInfo.InvariantCulture, $"step {line,8} loss {1.0 / (line + 1),12:F10}").PadRight(63)).Append('\n');
        }

        if (lines.Length != bytes)
        {
            throw new InvalidDataException($"lines are {lines.Length} bytes, not {bytes}");
        }

        return lines.ToString();
    }

    private static TimeSpan Time(Action action)
    {
        var stopwatch = Stopwatch.StartNew();
        action();
        return stopwatch.Elapsed;
    }

    private static string Rate(TimeSpan elapsed, int bytes) =>
        $"{bytes / 1e6 / elapsed.TotalSeconds:F0} MB/s ({elapsed.TotalMilliseconds:F0} ms)";

    private static string PerLine(TimeSpan elapsed) => $"{elapsed.TotalMicroseconds / (LineBytes / 64):F2} µs per line";
}
