using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>
/// Torch is seeded with the run's seed (as Sacred seeds torch) only when the compilation references TorchSharp:
/// decided by the generator, so the runtime needs no reflection to find torch.
/// </summary>
public sealed class TorchSeedingTests
{
    private const string SeedCall = "global::TorchSharp.torch.manual_seed(run.Seed);";

    /// <summary>TorchSharp's seeding surface (the real one returns a Generator), recording what it was given.</summary>
    private const string FakeTorchSharp = """
        namespace TorchSharp
        {
            public sealed class Generator { }

            public static class torch
            {
                public static long? LastSeed;

                public static Generator manual_seed(long seed)
                {
                    LastSeed = seed;
                    return new Generator();
                }
            }
        }
        """;

    private const string Experiment = """
        using Sacred;

        namespace Demo;

        /// <summary>Trains with torch.</summary>
        [Experiment("torchy")]
        public static partial class Trainer
        {
            [Config]
            public sealed partial record Config
            {
                public int Steps { get; init; } = 3;
            }

            [Main]
            static int Train(int steps) => steps;
        }
        """;

    private static readonly Lazy<byte[]> TorchSharp = new(() => GeneratorHarness.CompileLibrary("TorchSharp", FakeTorchSharp));

    private static HarnessResult Generate(string source, params MetadataReference[] libraries) =>
        GeneratorHarness.Run(new[] { (GeneratorHarness.SourcePath, source) }, Array.Empty<(string, string)>(), OutputKind.DynamicallyLinkedLibrary, libraries);

    private static string Code(HarnessResult result) => result.Generated["Demo.Trainer.Sacred.g.cs"];

    [Fact]
    public void With_TorchSharp_referenced_invoke_seeds_torch_first_and_compiles_clean()
    {
        var result = Generate(Experiment, MetadataReference.CreateFromImage(TorchSharp.Value));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Snapshot.Verify("Torch.Trainer", Code(result));
        var invoke = Code(result).Split("public override global::Sacred.ConfigNode? Invoke(")[1];
        Assert.StartsWith(SeedCall, invoke.Split('{', 2)[1].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).First(l => !l.StartsWith("//", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_TorchSharp_nothing_mentions_torch()
    {
        var result = Generate(Experiment);

        Assert.Empty(result.OutputProblems);
        Assert.All(result.Generated.Values, code => Assert.DoesNotContain("TorchSharp", code));
    }

    [Fact]
    public void A_TorchSharp_namespace_declared_in_the_project_itself_is_not_TorchSharp()
    {
        var result = GeneratorHarness.Run(
            new[] { (GeneratorHarness.SourcePath, Experiment), ("/src/Torch.cs", FakeTorchSharp) },
            Array.Empty<(string, string)>(),
            OutputKind.DynamicallyLinkedLibrary);

        Assert.Empty(result.OutputProblems);
        Assert.DoesNotContain(SeedCall, Code(result));
    }

    [Fact]
    public void A_TorchSharp_without_manual_seed_of_long_is_not_called()
    {
        var other = GeneratorHarness.CompileLibrary("TorchSharp", "namespace TorchSharp { public static class torch { public static void manual_seed(int seed) { } } }");

        var result = Generate(Experiment, MetadataReference.CreateFromImage(other));

        Assert.Empty(result.OutputProblems);
        Assert.DoesNotContain(SeedCall, Code(result));
    }

    [Fact]
    public void Adding_the_TorchSharp_reference_regenerates_with_seeding()
    {
        var compilation = GeneratorHarness.CreateCompilation(new[] { (GeneratorHarness.SourcePath, Experiment) });
        var driver = GeneratorHarness.CreateDriver(Array.Empty<(string, string)>()).RunGenerators(compilation);

        var withTorch = compilation.AddReferences(MetadataReference.CreateFromImage(TorchSharp.Value));
        var result = driver.RunGenerators(withTorch).GetRunResult();

        Assert.Contains(SeedCall, result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Demo.Trainer.Sacred.g.cs", StringComparison.Ordinal)).ToString());
    }

    [Fact]
    public void A_run_seeds_torch_with_its_seed_and_print_config_does_not_touch_torch()
    {
        var experiment = new CompiledExperiment(Experiment, new[] { TorchSharp.Value });
        var lastSeed = experiment.LibraryType("TorchSharp", "TorchSharp.torch").GetField("LastSeed")!;

        var printed = experiment.Run("Demo.Trainer", "print_config", "with", "seed=5");
        var seedAfterPrint = lastSeed.GetValue(null);
        var run = experiment.Run("Demo.Trainer", "with", "seed=5");

        Assert.Equal(0, printed.ExitCode);
        Assert.Null(seedAfterPrint);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5L, lastSeed.GetValue(null));
    }
}
