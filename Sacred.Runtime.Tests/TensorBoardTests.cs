using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Sacred.Logging;
using Xunit;

namespace Sacred.Runtime.Tests;

/// <summary>TensorBoard log directories recorded in Sacred's LogFileWriter format: info["tensorflow"]["logdirs"].</summary>
public sealed class TensorBoardTests
{
    private static Run NewRun() =>
        new("exp", "main", ConfigNode.Null, new RunOptions(), 1, new LogSink(TextWriter.Null, PythonLogLevel.Default), CancellationToken.None);

    [Fact]
    public void First_writer_creates_the_tensorflow_entry_with_its_absolute_logdir()
    {
        var run = NewRun();

        var recorded = run.AddTensorBoardLogDir("runs/first");

        var expected = Path.GetFullPath("runs/first");
        Assert.Equal(expected, recorded);
        Assert.Equal(
            "{\"tensorflow\":{\"logdirs\":[" + ConfigNode.From(expected).ToJson(indented: false) + "]}}",
            run.Info.ToNode().ToJson(indented: false));
    }

    [Fact]
    public void Later_writers_append_in_order_as_sacred_does()
    {
        var run = NewRun();

        run.AddTensorBoardLogDir("/tmp/a");
        run.AddTensorBoardLogDir("/tmp/b");
        run.AddTensorBoardLogDir("/tmp/a");

        var logDirs = run.Info["tensorflow"].Get("logdirs")!;
        Assert.Equal(ConfigNodeKind.List, logDirs.Kind);
        Assert.Equal(new[] { "/tmp/a", "/tmp/b", "/tmp/a" }, Array.ConvertAll([.. logDirs.Items], n => n.StringValue));
    }

    [Fact]
    public void Other_entries_under_tensorflow_and_elsewhere_are_kept()
    {
        var run = NewRun();
        run.Info["tensorflow"] = ConfigNode.EmptyObject.WithValue("version", ConfigNode.From("2.16"));
        run.Info["epochs_done"] = ConfigNode.From(3);

        run.AddTensorBoardLogDir("/tmp/x");

        Assert.Equal("2.16", run.Info["tensorflow"].Get("version")!.StringValue);
        Assert.Equal("/tmp/x", run.Info["tensorflow"].Get("logdirs")!.Items[0].StringValue);
        Assert.Equal(3, run.Info["epochs_done"].IntegerValue);
    }

    [Fact]
    public void Concurrent_writers_lose_no_logdir()
    {
        var run = NewRun();

        Parallel.For(0, 100, i => run.AddTensorBoardLogDir("/tmp/w" + i));

        Assert.Equal(100, run.Info["tensorflow"].Get("logdirs")!.Items.Count);
    }

    [Fact]
    public void Empty_logdir_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => NewRun().AddTensorBoardLogDir(""));
    }
}
