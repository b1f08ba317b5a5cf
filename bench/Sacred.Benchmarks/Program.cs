using BenchmarkDotNet.Running;
using Sacred.Benchmarks;

// Harness modes measure a whole process (resident memory over millions of points), which BenchmarkDotNet cannot.
switch (args)
{
    case ["rss10m"]:
        return MetricsRssHarness.LogDrained();
    case ["rss1m-held"]:
        return MetricsRssHarness.LogHeld();
    default:
        BenchmarkSwitcher.FromAssembly(typeof(ConfigBenchmarks).Assembly).Run(args);
        return 0;
}
