using System;
using System.IO;
using Sacred.Capture;
using Xunit;

namespace Sacred.Runtime.Tests.Capture;

[Collection(ConsoleCollection.Name)]
public sealed class SysAndNoOutputCaptureTests
{
    [Fact]
    public void Sys_captures_console_writes_only_and_tees_them_to_the_previous_writers()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);
        using var console = new FakeConsole();

        var capture = OutputCapture.Start(CaptureMode.Sys);
        Console.WriteLine("to Console.Out");
        Console.Error.WriteLine("to Console.Error");
        Console.Write("progress 1\rprogress 2");
        StandardStreams.WriteNative(1, "native, not captured\n");
        var lines = capture.TakeCompletedLines();
        var captured = lines + capture.Stop();
        Console.WriteLine("after Stop");

        Assert.Equal(CaptureMode.Sys, capture.Mode);
        Assert.Equal("to Console.Out\nto Console.Error\n", lines);
        Assert.Equal("to Console.Out\nto Console.Error\nprogress 2", captured);
        Assert.Equal("to Console.Out\nprogress 1\rprogress 2after Stop\n", console.Out.ToString());
        Assert.Equal("to Console.Error\n", console.Error.ToString());
        Assert.Equal("native, not captured\n", terminal.Out);
    }

    [Fact]
    public void Stop_leaves_a_writer_the_user_set_during_the_run_in_place()
    {
        using var console = new FakeConsole();
        using var users = new StringWriter();

        var capture = OutputCapture.Start(CaptureMode.Sys);
        Console.SetOut(users);
        Console.Write("to the user's writer");
        var captured = capture.Stop();
        Console.Write(", still");

        Assert.Equal(string.Empty, captured);
        Assert.Equal("to the user's writer, still", users.ToString());
    }

    [Fact]
    public void No_captures_nothing_and_changes_nothing()
    {
        using var files = new TempFiles();
        using var terminal = StandardStreams.ToFiles(files);
        using var console = new FakeConsole();
        var writer = Console.Out;

        var capture = OutputCapture.Start(CaptureMode.No);
        Console.WriteLine("console");
        StandardStreams.WriteNative(1, "native\n");

        Assert.Equal(CaptureMode.No, capture.Mode);
        Assert.Same(writer, Console.Out);
        Assert.Equal(string.Empty, capture.TakeCompletedLines());
        Assert.Equal(string.Empty, capture.Stop());
        Assert.Equal("console\n", console.Out.ToString());
        Assert.Equal("native\n", terminal.Out);
    }

    [Fact]
    public void The_fallback_from_fd_to_sys_says_why_once_per_process()
    {
        using var console = new FakeConsole();

        var first = OutputCapture.StartSysInsteadOfFd("pipe failed: Too many open files");
        first.Stop();
        var second = OutputCapture.StartSysInsteadOfFd("pipe failed: Too many open files");
        second.Stop();

        Assert.Equal(CaptureMode.Sys, first.Mode);
        Assert.Equal(CaptureMode.Sys, second.Mode);
        Assert.Equal(
            "sacred: cannot capture output at the file-descriptor level (pipe failed: Too many open files); capturing Console output only, as with --capture=sys.\n",
            console.Error.ToString());
    }

    /// <summary>Console.Out and Console.Error pointed at string writers for one test.</summary>
    private sealed class FakeConsole : IDisposable
    {
        private readonly TextWriter _previousOut = Console.Out;
        private readonly TextWriter _previousError = Console.Error;

        public FakeConsole()
        {
            Console.SetOut(Out);
            Console.SetError(Error);
        }

        public StringWriter Out { get; } = new() { NewLine = "\n" };

        public StringWriter Error { get; } = new() { NewLine = "\n" };

        public void Dispose()
        {
            Console.SetOut(_previousOut);
            Console.SetError(_previousError);
        }
    }
}
