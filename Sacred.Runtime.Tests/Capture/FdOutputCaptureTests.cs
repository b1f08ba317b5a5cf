using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Sacred.Capture;
using Xunit;

namespace Sacred.Runtime.Tests.Capture;

[Collection(ConsoleCollection.Name)]
public sealed class FdOutputCaptureTests
{
    [Fact]
    public void Console_output_is_captured_and_still_reaches_the_original_stdout()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        Console.WriteLine("hello from Console");
        Console.Out.Write("ünïcödé ");
        Console.Out.WriteLine(42);
        var captured = capture.Stop();

        Assert.Equal(CaptureMode.Fd, capture.Mode);
        Assert.Equal("hello from Console\nünïcödé 42\n", captured);
        Assert.Equal("hello from Console\nünïcödé 42\n", terminal.Out);
    }

    [Fact]
    public void A_native_write_to_fd_1_is_captured()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        StandardStreams.WriteNative(1, "from write(1, ...)\n");
        var captured = capture.Stop();

        Assert.Equal("from write(1, ...)\n", captured);
        Assert.Equal("from write(1, ...)\n", terminal.Out);
    }

    [Fact]
    public void Stderr_is_captured_and_copied_to_the_original_stderr_only()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        Console.Error.WriteLine("error via Console.Error");
        StandardStreams.WriteNative(2, "error via write(2, ...)\n");
        var captured = capture.Stop();

        Assert.Equal("error via Console.Error\nerror via write(2, ...)\n", captured);
        Assert.Equal("error via Console.Error\nerror via write(2, ...)\n", terminal.Error);
        Assert.Equal(string.Empty, terminal.Out);
    }

    [Fact]
    public void Output_of_a_child_process_is_captured()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        using (var child = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "echo child out; echo child err >&2"]) { UseShellExecute = false })!)
        {
            child.WaitForExit();
        }

        var captured = capture.Stop();

        // stdout and stderr come through two pipes, so their relative order is not fixed.
        Assert.Equal(["child err", "child out"], captured.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        Assert.Equal("child out\n", terminal.Out);
        Assert.Equal("child err\n", terminal.Error);
    }

    [Fact]
    public void A_child_process_that_outlives_the_capture_keeps_writing_to_the_original_stdout()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);
        var go = files.PathOf("go");
        var capture = OutputCapture.Start(CaptureMode.Fd);
        var script = $"echo early; while [ ! -e '{go}' ]; do sleep 0.02; done; echo late";
        using var child = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script]) { UseShellExecute = false })!;
        try
        {
            var early = WaitForLines(capture);

            var rest = capture.Stop();
            File.WriteAllText(go, string.Empty);
            child.WaitForExit();

            Assert.Equal("early\n", early + rest);
            Assert.Equal(0, child.ExitCode); // not killed by SIGPIPE
            Assert.Equal("early\nlate\n", WaitForContent(() => terminal.Out, "early\nlate\n"));
        }
        finally
        {
            File.WriteAllText(go, string.Empty);
        }
    }

    [Fact]
    public void A_progress_bar_drawn_with_carriage_returns_is_stored_as_its_last_state()
    {
        using var terminal = StandardStreams.ToNull();

        var capture = OutputCapture.Start(CaptureMode.Fd);
        StandardStreams.WriteNative(1, "epoch 1\n");
        for (var percent = 0; percent <= 100; percent += 10)
        {
            Console.Write($"\r[{new string('#', percent / 10),-10}] {percent,3}%");
        }

        var beforeTheLineEnds = WaitForLines(capture);
        Console.Write("\n");
        StandardStreams.WriteNative(1, "progress 0\b1\b2\b3\n");
        var captured = beforeTheLineEnds + capture.Stop();

        Assert.Equal("epoch 1\n", beforeTheLineEnds);
        Assert.Equal("epoch 1\n[##########] 100%\nprogress 3\n", captured);
    }

    [Fact]
    public void A_character_split_between_two_writes_is_decoded_whole_and_invalid_bytes_become_replacement_characters()
    {
        using var terminal = StandardStreams.ToNull();
        var bytes = Encoding.UTF8.GetBytes("caf\u00e9 \U0001F600\n");

        var capture = OutputCapture.Start(CaptureMode.Fd);
        StandardStreams.WriteNative(1, bytes.AsSpan(0, 4));
        Thread.Sleep(50); // gives the reader the chance to read the first byte of 'é' alone; the result holds either way
        StandardStreams.WriteNative(1, bytes.AsSpan(4, 4));
        Thread.Sleep(50);
        StandardStreams.WriteNative(1, bytes.AsSpan(8));
        StandardStreams.WriteNative(1, [(byte)'x', 0xFF, (byte)'y', (byte)'\n']);
        var captured = capture.Stop();

        Assert.Equal("caf\u00e9 \U0001F600\nx\uFFFDy\n", captured);
    }

    [Fact]
    public void A_5_MB_burst_is_captured_completely_while_lines_are_taken_concurrently()
    {
        using var terminal = StandardStreams.ToNull();
        var expected = new StringBuilder();
        for (var line = 0; expected.Length < 5_000_000; line++)
        {
            expected.Append("line ").Append(line).Append(' ').Append('x', line % 97).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(expected.ToString());
        var taken = new StringBuilder();
        var capture = OutputCapture.Start(CaptureMode.Fd);
        var unfinishedLineTaken = false;
        using var writing = new CancellationTokenSource();
        var taker = new Thread(() =>
        {
            while (!writing.IsCancellationRequested)
            {
                var lines = capture.TakeCompletedLines();
                unfinishedLineTaken |= lines.Length > 0 && !lines.EndsWith('\n');
                taken.Append(lines);
            }
        });
        taker.Start();
        for (var offset = 0; offset < bytes.Length; offset += 10_007)
        {
            StandardStreams.WriteNative(1, bytes.AsSpan(offset, Math.Min(10_007, bytes.Length - offset)));
        }

        writing.Cancel();
        taker.Join();
        taken.Append(capture.Stop());

        Assert.False(unfinishedLineTaken);
        Assert.True(expected.Equals(taken), $"captured {taken.Length} of {expected.Length} characters, or not in order");
    }

    [Fact]
    public void Output_written_just_before_Stop_is_kept_even_without_a_final_newline()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        StandardStreams.WriteNative(1, "line\nunfinished tail");
        var captured = capture.Stop();

        Assert.Equal("line\nunfinished tail", captured);
        Assert.Equal("line\nunfinished tail", terminal.Out);
    }

    [Fact]
    public void A_block_buffered_console_writer_is_flushed_into_the_capture_at_Stop()
    {
        // Sacred 0.8.7 loses the last <= 8 KiB here: with stdout block-buffered, 100 short lines recorded 0.
        using var terminal = StandardStreams.ToNull();
        var previous = Console.Out;
        var capture = OutputCapture.Start(CaptureMode.Fd);
        var buffered = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
        try
        {
            Console.SetOut(buffered);
            for (var line = 0; line < 100; line++)
            {
                Console.WriteLine($"short line {line}");
            }

            var captured = capture.Stop();

            Assert.Equal(string.Concat(Enumerable.Range(0, 100).Select(line => $"short line {line}\n")), captured);
        }
        finally
        {
            Console.SetOut(previous);
            buffered.Dispose();
        }
    }

    [Fact]
    public void A_partial_stdout_line_is_never_glued_to_a_stderr_line_and_only_its_final_state_is_kept()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        var taken = new StringBuilder();
        for (var round = 0; round <= 3; round++)
        {
            StandardStreams.WriteNative(1, $"\rprogress {round}/3");
            StandardStreams.WriteNative(2, "log ");
            StandardStreams.WriteNative(2, $"line {round}\n");
            taken.Append(WaitForLines(capture));
        }

        StandardStreams.WriteNative(1, "\n");
        taken.Append(capture.Stop());

        Assert.Equal("log line 0\nlog line 1\nlog line 2\nlog line 3\nprogress 3/3\n", taken.ToString());
    }

    [Fact]
    public void Text_that_printf_left_in_the_stdio_buffer_is_captured_at_Stop()
    {
        // With stdout a pipe or a file, C's stdio buffers whole blocks: libc would write these 50 lines at exit,
        // after the capture ended.
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);
        var expected = string.Concat(Enumerable.Range(0, 50).Select(line => $"printf line {line}\n"));

        var capture = OutputCapture.Start(CaptureMode.Fd);
        for (var line = 0; line < 50; line++)
        {
            NativeStdio.Printf($"printf line {line}\n");
        }

        var captured = capture.Stop();

        Assert.Equal(expected, captured);
        Assert.Equal(expected, terminal.Out);
    }

    [Fact]
    public void TakeCompletedLines_hands_out_each_line_once()
    {
        using var terminal = StandardStreams.ToNull();

        var capture = OutputCapture.Start(CaptureMode.Fd);
        StandardStreams.WriteNative(1, "a\nb");
        var first = WaitForLines(capture);
        var second = capture.TakeCompletedLines();
        StandardStreams.WriteNative(2, "c\n");
        var third = WaitForLines(capture);
        var rest = capture.Stop();

        // stdout's unfinished "b" stays apart from stderr's line, and is kept at the end.
        Assert.Equal("a\n", first);
        Assert.Equal(string.Empty, second);
        Assert.Equal("c\n", third);
        Assert.Equal("b", rest);
        Assert.Equal(string.Empty, capture.Stop());
        Assert.Equal(string.Empty, capture.TakeCompletedLines());
    }

    [Fact]
    public void After_Dispose_the_descriptors_and_console_writers_are_back()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);
        var previous = Console.Out;

        var capture = OutputCapture.Start(CaptureMode.Fd);
        StandardStreams.WriteNative(1, "during\n");
        capture.Dispose();
        StandardStreams.WriteNative(1, "after\n");

        Assert.Same(previous, Console.Out);
        Assert.Equal("during\nafter\n", terminal.Out);
        Assert.Equal(string.Empty, capture.TakeCompletedLines());
    }

    [Fact]
    public void A_program_that_points_fd_1_elsewhere_itself_ends_its_capture_cleanly()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);

        var capture = OutputCapture.Start(CaptureMode.Fd);
        StandardStreams.WriteNative(1, "before\n");
        var before = WaitForLines(capture);
        using (var devNull = File.OpenHandle("/dev/null", FileMode.Open, FileAccess.Write))
        {
            Assert.True(Libc.Redirect((int)devNull.DangerousGetHandle(), 1) >= 0);
        }

        StandardStreams.WriteNative(1, "elsewhere\n");
        Thread.Sleep(50); // lets the reader see the end of its pipe before Stop; the result holds either way
        var rest = capture.Stop();
        StandardStreams.WriteNative(1, "after\n");

        Assert.Equal("before\n", before + rest);
        Assert.Equal("before\nafter\n", terminal.Out);
    }

    [Fact]
    public void Stop_gives_up_after_a_bounded_wait_when_the_original_stdout_is_stuck()
    {
        // The original stdout is a pipe nobody reads (a terminal paused with Ctrl-S, a stuck consumer): once it is
        // full, the copy blocks. Stop must still return and say what happened.
        Assert.Equal(0, Libc.CreatePipe(out var stuckReadEnd, out var stuckWriteEnd));
        var warnings = new StringWriter();
        var previousError = Console.Error;
        Console.SetError(warnings);
        string captured;
        string drainedAfterwards;
        try
        {
            using (StandardStreams.ToDescriptor(stuckWriteEnd))
            {
                Libc.Close(stuckWriteEnd);
                var capture = OutputCapture.Start(CaptureMode.Fd);
                var line = Encoding.UTF8.GetBytes(new string('y', 1023) + "\n");
                for (var count = 0; count < 150; count++)
                {
                    StandardStreams.WriteNative(1, line);
                }

                captured = capture.Stop();
            }

            drainedAfterwards = ReadToEnd(stuckReadEnd);
        }
        finally
        {
            Console.SetError(previousError);
            Libc.Close(stuckReadEnd);
        }

        Assert.Contains("stopped waiting for captured output", warnings.ToString(), StringComparison.Ordinal);
        Assert.True(captured.Length is > 0 and < 150 * 1024, $"captured {captured.Length} characters");
        Assert.Equal(new string('y', 1023) + "\n", captured[..1024]);
        Assert.Equal(150 * 1024, drainedAfterwards.Length); // the copy resumes once the pipe is read again
    }

    /// <summary>Polls until at least one completed line is there (the reader thread is asynchronous).</summary>
    private static string WaitForLines(OutputCapture capture)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string lines;
        while ((lines = capture.TakeCompletedLines()).Length == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        return lines;
    }

    private static string WaitForContent(Func<string> read, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string content;
        while ((content = read()) != expected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(5);
        }

        return content;
    }

    private static string ReadToEnd(int descriptor)
    {
        var text = new StringBuilder();
        var buffer = new byte[65536];
        int count;
        while ((count = Libc.ReadSome(descriptor, buffer)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, count));
        }

        return text.ToString();
    }
}
