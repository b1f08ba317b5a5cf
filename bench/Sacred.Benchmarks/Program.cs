using BenchmarkDotNet.Running;
using Sacred.Benchmarks;

// Harness modes measure whole operations (seconds, bytes on disk, resident memory), which BenchmarkDotNet cannot;
// everything else goes to BenchmarkDotNet.
switch (args)
{
    case ["rss10m"]:
        return MetricsRssHarness.LogDrained();
    case ["rss1m-held"]:
        return MetricsRssHarness.LogHeld();
    case ["store1m", ..]:
        return StoreHarness.Run(args);
    case ["filestorage1m", .. var harnessArgs]:
        return FileStorageOneMillion.Run(harnessArgs);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(ConfigBenchmarks).Assembly).Run(args);
        return 0;
}
