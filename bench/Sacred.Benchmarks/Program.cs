using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Sacred.Benchmarks.ConfigBenchmarks).Assembly).Run(args);
