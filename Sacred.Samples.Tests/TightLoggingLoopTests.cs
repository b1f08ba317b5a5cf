using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>
/// A recorded run whose main does nothing but <c>run.LogScalar</c> in a tight loop (faster than any store can
/// write): every point ends up in the store, in order, and the process's memory stays bounded instead of holding
/// the points that wait for the writer.
/// </summary>
public sealed class TightLoggingLoopTests : IDisposable
{
    // Before the bound, 10 M points peaked at 424-596 MiB here; bounded, 105-130 MiB (see bench/RESULTS.md). The
    // limit leaves room for a slower or busier machine; it is not a timing.
    private const long PeakRssLimitBytes = 250L * 1024 * 1024;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-tightloop-" + Guid.NewGuid().ToString("N"));

    public TightLoggingLoopTests() => Directory.CreateDirectory(_root);

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
    public void Every_point_of_a_tight_loop_is_in_the_store_in_order()
    {
        const int points = 2_000_000;
        var store = Path.Combine(_root, "store");
        var outcome = Processes.Run("dotnet", [Processes.RecorderProbeDll(), "log", "with", $"points={points}", "--store", store], _root, TimeSpan.FromMinutes(3));

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var reader = RunStore.Open(store);
        var run = Assert.Single(reader.ListRuns(new RunQuery()).Runs);
        var series = reader.GetMetric(run.Id, "loss", int.MaxValue)!;
        Assert.Equal(points, series.TotalCount);
        Assert.False(series.Downsampled);
        Assert.Equal(points, series.Points.Count);

        // The probe logs value i at automatic step i: each point in its place, none lost, doubled or reordered.
        var misplaced = Enumerable.Range(0, points).Count(i => series.Points[i].Step != i || series.Points[i].Value != i);
        Assert.Equal(0, misplaced);
        Assert.Equal((double)points * (points - 1) / 2, series.Points.Sum(p => p.Value));
    }

    [Fact]
    public async Task Memory_stays_bounded_while_logging_outpaces_the_store()
    {
        const int points = 10_000_000;
        var store = Path.Combine(_root, "store");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        foreach (var argument in new[] { Processes.RecorderProbeDll(), "log", "with", $"points={points}", "--store", store })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!process.WaitForExit(20))
        {
            // VmHWM is the kernel's high-water mark of the resident set: sampling it misses nothing but the
            // last few milliseconds.
            peak = Math.Max(peak, HighWaterMark(process.Id));
            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the probe did not finish in time");
            }
        }

        await stdout;
        var errors = await stderr;
        Assert.True(process.ExitCode == 0, errors);
        Assert.True(peak > 0, "no memory figure was read from /proc");
        Assert.True(peak <= PeakRssLimitBytes, $"peak RSS {peak / (1024 * 1024)} MiB while logging {points} points");

        using var reader = RunStore.Open(store);
        var run = Assert.Single(reader.ListRuns(new RunQuery()).Runs);
        Assert.Equal(points, reader.GetMetric(run.Id, "loss", 2)!.TotalCount);
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0]) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process has just exited.
        }

        return 0;
    }
}
