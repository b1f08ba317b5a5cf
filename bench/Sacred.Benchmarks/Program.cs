using BenchmarkDotNet.Running;

// Harness modes measure whole operations (seconds, bytes on disk); everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "store1m")
{
    return Sacred.Benchmarks.StoreHarness.Run(args);
}

if (args is ["filestorage1m", .. var harnessArgs])
{
    return Sacred.Benchmarks.FileStorageOneMillion.Run(harnessArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Sacred.Benchmarks.ConfigBenchmarks).Assembly).Run(args);
return 0;
