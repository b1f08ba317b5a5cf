using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Sacred.Capture;
using Xunit;

namespace Sacred.Runtime.Tests.Capture;

/// <summary>fd capture when stdout and stderr are a terminal: through a pseudo-terminal, as <c>script</c> does.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class TerminalCaptureTests
{
    private const string Escape = "\u001b";

    [Fact]
    public void On_a_terminal_the_program_still_sees_one_of_the_same_size_the_window_gets_every_byte_and_the_record_the_final_text()
    {
        using var window = TestTerminal.Open(rows: 30, columns: 100);
        using var streams = StandardStreams.ToTerminal(window);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        var seen = $"{Libc.IsTerminal(1)} {Libc.IsTerminal(2)} {TestTerminal.WindowSizeOf(1)} {TestTerminal.WindowSizeOf(2)}";
        Console.WriteLine($"{Escape}[1;32mgreen{Escape}[0m plain");
        Console.Write("\rstep 1/2");
        Console.Write($"\r{Escape}[2Kstep 2/2\n");
        Console.Error.WriteLine("to stderr");
        StandardStreams.WriteNative(1, "native\n");
        var captured = capture.Stop();
        var shown = window.ReadShown();

        Assert.True(capture is FdOutputCapture { ThroughTerminal: true });
        Assert.Equal("True True 30x100 30x100", seen);
        Assert.Equal("green plain\nstep 2/2\nto stderr\nnative\n", captured);
        Assert.Contains($"{Escape}[1;32mgreen{Escape}[0m plain\r", shown, StringComparison.Ordinal);
        Assert.Contains($"\rstep 1/2\r{Escape}[2Kstep 2/2\r", shown, StringComparison.Ordinal);
        Assert.Contains("to stderr\r", shown, StringComparison.Ordinal);
        Assert.Contains("native\r", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void When_the_window_is_resized_the_program_sees_the_new_size()
    {
        using var window = TestTerminal.Open(rows: 30, columns: 100);
        using var streams = StandardStreams.ToTerminal(window);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        var before = TestTerminal.WindowSizeOf(1);
        window.Resize(rows: 50, columns: 160);
        using (var kill = Process.Start("kill", ["-WINCH", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        var after = WaitFor(() => TestTerminal.WindowSizeOf(1), "50x160");
        capture.Stop();

        Assert.Equal("30x100", before);
        Assert.Equal("50x160", after);
    }

    [Fact]
    public void When_the_terminal_is_closed_capture_carries_on_and_keeps_every_line()
    {
        using var window = TestTerminal.Open(rows: 30, columns: 100);
        using var streams = StandardStreams.ToTerminal(window);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        Console.WriteLine("before the window closed");
        WaitFor(() => window.ReadShown().Contains("closed", StringComparison.Ordinal), true);
        window.Close();
        for (var line = 0; line < 1000; line++)
        {
            Console.WriteLine($"after {line}");
        }

        StandardStreams.WriteNative(2, "native, last\n");
        var captured = capture.Stop();

        var expected = "before the window closed\n" + string.Concat(Enumerable.Range(0, 1000).Select(line => $"after {line}\n")) + "native, last\n";
        Assert.Equal(expected, captured);
    }

    private static T WaitFor<T>(Func<T> read, T expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        T value;
        while (!Equals(value = read(), expected) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        return value;
    }
}
