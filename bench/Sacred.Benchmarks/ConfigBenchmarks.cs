using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Sacred.CommandLine;
using Sacred.Configuration;

namespace Sacred.Benchmarks;

/// <summary>
/// The command line's configuration path on a 200-key nested config: tokenize the arguments, apply
/// <c>with</c> updates through the generated typed parsers (twice, for Sacred's precedence) and build the tree
/// that print_config and the observers use.
/// </summary>
[MemoryDiagnoser]
public class ConfigBenchmarks
{
    private readonly Wide.__SacredDefinition _definition = new();
    private string[] _args = System.Array.Empty<string>();
    private List<string> _updates = new();

    [Params(0, 20, 200)]
    public int Updates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var args = new List<string> { "print_config", "with" };
        for (var i = 0; i < Updates; i++)
        {
            var section = (i % 20).ToString("00", CultureInfo.InvariantCulture);
            var key = i / 20;
            var value = key switch
            {
                2 or 8 => "'text'",
                3 => "false",
                4 => "careful",
                1 or 6 or 9 => "0.25",
                _ => "7",
            };
            args.Add($"s{section}.key{key}={value}");
        }

        args.Add("seed=5");
        _args = args.ToArray();
        _updates = CommandLineParser.Parse(_args).Updates.ToList();
    }

    [Benchmark(Description = "parse args + build config")]
    public object ParseAndBuild()
    {
        var parsed = CommandLineParser.Parse(_args);
        return ConfigBuilder.Build(_definition, parsed.Updates, randomSeed: 1);
    }

    [Benchmark(Description = "build config (updates pre-parsed)")]
    public object Build() => ConfigBuilder.Build(_definition, _updates, randomSeed: 1);
}
