using BenchmarkDotNet.Running;

if (args is ["filestorage1m", .. var harnessArgs])
{
    return Sacred.Benchmarks.FileStorageOneMillion.Run(harnessArgs);
}

BenchmarkSwitcher.FromAssembly(typeof(Sacred.Benchmarks.ConfigBenchmarks).Assembly).Run(args);
return 0;
