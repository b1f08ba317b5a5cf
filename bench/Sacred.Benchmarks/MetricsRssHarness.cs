using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Sacred.Metrics;

namespace Sacred.Benchmarks;

/// <summary>
/// End-to-end memory figures for the metrics buffer, run outside BenchmarkDotNet:
/// <c>rss10m</c> logs 10 M points while a consumer drains every 100 ms (or when asked) and prints the process's
/// resident memory along the way; <c>rss1m-held</c> logs 1 M points that nobody drains, the case Sacred measures.
/// </summary>
internal static class MetricsRssHarness
{
    private static readonly string[] Names = ["training.loss", "training.acc", "lr"];

    public static int LogDrained()
    {
        PrintClockResolution();
        long[] checkpoints = [1_000_000, 5_000_000, 10_000_000];
        var buffer = new MetricsBuffer();
        var drainer = new BackgroundDrainer(buffer, TimeSpan.FromMilliseconds(100));
        PrintMemory("before logging", buffer, drainer);

        long processAllocated = GC.GetTotalAllocatedBytes(precise: true);
        var logging = new Stopwatch();
        TimeSpan producerCpu = TimeSpan.Zero;
        long logged = 0;
        foreach (long checkpoint in checkpoints)
        {
            TimeSpan cpu = ThreadCpuTime.Now();
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            logging.Start();
            LogPoints(buffer, logged, checkpoint);
            logging.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            producerCpu += ThreadCpuTime.Now() - cpu;
            logged = checkpoint;
            PrintMemory($"{checkpoint / 1_000_000} M points logged", buffer, drainer);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",-30} producer thread allocated {allocated:N0} B logging since the previous line (new chunks while the pool fills or the drainer lags)"));
        }

        drainer.Dispose();
        processAllocated = GC.GetTotalAllocatedBytes(precise: true) - processAllocated;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"logged {logged:N0} points in {logging.Elapsed.TotalMilliseconds:F0} ms wall ({logging.Elapsed.TotalNanoseconds / logged:F1} ns/point), {producerCpu.TotalMilliseconds:F0} ms producer-thread CPU ({producerCpu.TotalNanoseconds / logged:F1} ns/point)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drained {drainer.Drained:N0} points in {drainer.Drains:N0} drains ({drainer.DrainTime.TotalNanoseconds / drainer.Drained:F1} ns/point wall inside Drain, drainer thread CPU {drainer.CpuTime.TotalNanoseconds / drainer.Drained:F1} ns/point); {drainer.FlushRequests:N0} flush requests"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated: whole process {processAllocated:N0} B ({(double)processAllocated / logged:F1} B/point)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GC collections: gen0 {GC.CollectionCount(0)}, gen1 {GC.CollectionCount(1)}, gen2 {GC.CollectionCount(2)}"));
        if (drainer.Drained != logged)
        {
            Console.Error.WriteLine($"LOST POINTS: logged {logged}, drained {drainer.Drained}");
            return 1;
        }

        return 0;
    }

    public static int LogHeld()
    {
        var buffer = new MetricsBuffer();
        PrintMemory("before logging", buffer, null);
        LogPoints(buffer, 0, 1_000_000);
        PrintMemory("1 M points held, not drained", buffer, null);
        return 0;
    }

    private static void LogPoints(MetricsBuffer buffer, long from, long to)
    {
        for (long i = from; i < to; i++)
        {
            if (i % 100 == 0)
            {
                buffer.Log(Names[2], 0.001, step: i);
            }
            else
            {
                buffer.Log(Names[(int)(i & 1)], i * 1e-6);
            }
        }
    }

    private static void PrintClockResolution()
    {
        var deltas = new List<long>();
        long previous = MetricClock.UnixMs;
        var elapsed = Stopwatch.StartNew();
        while (deltas.Count < 101 && elapsed.ElapsedMilliseconds < 5000)
        {
            long now = MetricClock.UnixMs;
            if (now != previous)
            {
                deltas.Add(now - previous);
                previous = now;
            }
        }

        deltas.Sort();
        long offset = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - MetricClock.UnixMs;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MetricClock.UnixMs resolution: {deltas[deltas.Count / 2]} ms median step (min {deltas[0]}, max {deltas[^1]}, {deltas.Count} steps); now {offset} ms behind DateTime.UtcNow"));
    }

    private static void PrintMemory(string when, MetricsBuffer buffer, BackgroundDrainer? drainer)
    {
        long pending = buffer.TotalPoints - (drainer?.Drained ?? 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{when,-30} VmRSS {ReadVmRssKiB() / 1024.0,7:F1} MiB  WorkingSet {Environment.WorkingSet / 1048576.0,7:F1} MiB  GC heap {GC.GetTotalMemory(false) / 1048576.0,7:F1} MiB  waiting points {pending,9:N0}"));
    }

    private static long ReadVmRssKiB()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
