using System;
using System.IO;
using System.Linq;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>
/// A failed run's <c>fail_trace</c> as Sacred keeps it: the user's code only, without the runtime's or the
/// generated code's frames, in .NET's order, message and inner exceptions kept; a real failing process.
/// </summary>
public sealed class FailTraceTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-failtrace-" + Guid.NewGuid().ToString("N"));

    public FailTraceTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Fail_trace_holds_the_users_frames_innermost_first_and_no_runtime_or_generated_frames()
    {
        var store = Path.Combine(_root, "store");
        var outcome = Processes.Run("dotnet", [Processes.RecorderProbeDll(), "fail", "with", "points=10", "--store", store], _root);

        Assert.Equal(1, outcome.ExitCode);
        using var reader = RunStore.Open(store);
        var summary = Assert.Single(reader.ListRuns(new RunQuery()).Runs);
        var trace = reader.GetRun(summary.Id)!.FailTrace!;

        Assert.Equal("System.IO.InvalidDataException: checkpoint 'model.ckpt' could not be loaded\n", trace[0]);
        Assert.Equal(" ---> System.IO.FileNotFoundException: no such checkpoint: model.ckpt\n", trace[1]);
        Assert.Contains("   --- End of inner exception stack trace ---\n", trace);
        var frames = trace.Where(line => line.StartsWith("   at ", StringComparison.Ordinal)).Select(Method).ToArray();
        // The inner exception's frames (Read, then Load where it was caught), then the outer one's (Load, Fail).
        Assert.Equal(
            ["RecorderProbe.Checkpoint.Read", "RecorderProbe.Checkpoint.Load", "RecorderProbe.Checkpoint.Load", "RecorderProbe.Probe.Fail"],
            frames);
        Assert.DoesNotContain(trace, line => line.Contains("__Sacred", StringComparison.Ordinal));
        Assert.DoesNotContain(trace, line => line.Contains("previous location", StringComparison.Ordinal));

        // What the terminal showed is the same trace.
        Assert.Contains(string.Concat(trace), outcome.Stderr.ReplaceLineEndings("\n") + "\n");
    }

    private static string Method(string frame)
    {
        var name = frame["   at ".Length..];
        return name[..name.IndexOf('(')];
    }
}
