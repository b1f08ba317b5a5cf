using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "store1m")
{
    return Sacred.Benchmarks.StoreHarness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Sacred.Benchmarks.ConfigBenchmarks).Assembly).Run(args);
return 0;
