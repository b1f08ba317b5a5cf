using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>Generated command lines compiled, loaded and run as a user would run them.</summary>
public sealed class CliTests : IClassFixture<CliTests.Experiments>
{
    private const string Mnist = "Demo.Mnist";
    private const string Pipeline = "Demo.Pipeline";
    private readonly Experiments _experiments;

    public CliTests(Experiments experiments) => _experiments = experiments;

    private CliOutcome Full(params string[] args) => _experiments.Full.Run(Mnist, args);

    private CliOutcome WithIngredient(params string[] args) => _experiments.WithIngredient.Run(Pipeline, args);

    private CliOutcome Jsonic(params string[] args) => _experiments.JsonSchema.Run("Demo.Jsonic", args);

    [Fact]
    public void Print_config_shows_defaults_with_the_config_file_applied_and_docs()
    {
        var outcome = Full("print_config");

        Assert.Equal(0, outcome.ExitCode);
        var lines = outcome.Stdout.Split('\n');
        Assert.Contains(lines, l => l.Trim() == "batch_size = 16");
        Assert.Contains(lines, l => l.Trim() == "width = 128");
        Assert.Contains(lines, l => l.StartsWith("  lr = 0.001", StringComparison.Ordinal) && l.EndsWith("# Optimizer step size.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Trim() == "optimizer = \"adam\"");
        Assert.Contains(lines, l => l.Trim().StartsWith("epochs = 62", StringComparison.Ordinal));
        Assert.DoesNotContain("[modified]", outcome.Stdout);
    }

    [Fact]
    public void Main_receives_updated_values_and_captured_overload_reads_the_prefix()
    {
        var outcome = Full("with", "lr=0.5", "model.depth=7", "seed=3");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("lr=0.5 depth=7 epochs=62 seed=3 net=7", outcome.Stdout);
        Assert.Contains("Result: 1", outcome.Stderr);
    }

    [Fact]
    public void Every_supported_type_parses_from_the_command_line()
    {
        var outcome = Full("dump", "with", "budget=12345678901", "momentum=0.25", "price=2.50", "shuffle=false", "note='hi there'",
            "limit=3", "layers=[1, 2, 3]", "dropouts=[0.5]", "timeout=00:01:30", "deadline=2031-02-03T04:05:06Z");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("12345678901|0.25|2.50|False|hi there|3|1,2,3|0.5|00:01:30|2031-02-03T04:05:06.0000000Z", outcome.Stdout);
    }

    [Fact]
    public void Nullable_keys_accept_null_and_none()
    {
        var outcome = Full("dump", "with", "note=null", "limit=None");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("|<null>|<null>|", outcome.Stdout);
    }

    [Fact]
    public void Enums_parse_case_insensitively_and_async_results_are_awaited()
    {
        var outcome = Full("evaluate", "with", "optimizer=SGD", "name=ckpt");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Result: \"ckpt:Sgd\"", outcome.Stderr);
    }

    [Fact]
    public void Named_config_applies_and_command_line_values_win_over_it()
    {
        var named = Full("print_config", "with", "fast");
        var both = Full("print_config", "with", "batch_size=4", "fast");

        Assert.Contains("batch_size = 8", named.Stdout);
        Assert.Contains("depth = 1", named.Stdout);
        Assert.Contains("[modified]", named.Stdout);
        Assert.Contains("batch_size = 4", both.Stdout);
        Assert.Contains("depth = 1", both.Stdout);
    }

    [Fact]
    public void Derived_values_follow_updated_keys()
    {
        var outcome = Full("print_config", "with", "batch_size=100");

        Assert.Contains("epochs = 10", outcome.Stdout);
    }

    [Fact]
    public void Same_seed_gives_identical_random_draws()
    {
        var first = Full("with", "seed=7");
        var second = Full("with", "seed=7");
        var other = Full("with", "seed=8");

        var draw = (string text) => text.Split("draw=")[1].Split('\n')[0];
        Assert.Equal(draw(first.Stdout), draw(second.Stdout));
        Assert.NotEqual(draw(first.Stdout), draw(other.Stdout));
    }

    [Theory]
    [InlineData("lrr=0.1", "'lrr'", "did you mean 'lr'")]
    [InlineData("model.depht=3", "'model.depht'", "did you mean 'model.depth'")]
    [InlineData("batch_size=abc", "'abc'", "(int)")]
    [InlineData("optimizer=rmsprop", "'rmsprop'", "valid values: adam, sgd")]
    [InlineData("epochs=3", "'epochs'", "derived")]
    [InlineData("layers=[1,x]", "'[1,x]'", "List<int>")]
    [InlineData("fsat", "'fsat'", "did you mean 'fast'")]
    public void Bad_updates_give_one_line_and_exit_code_2(string update, string names, string hint)
    {
        var outcome = Full("with", update);

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(names, line);
        Assert.Contains(hint, line);
        Assert.DoesNotContain("lr=", outcome.Stdout);
    }

    [Fact]
    public void Unknown_command_suggests_the_closest()
    {
        var outcome = Full("evalute");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("did you mean 'evaluate'", outcome.Stderr);
    }

    [Fact]
    public void Force_accepts_an_unknown_key_as_added()
    {
        var outcome = Full("print_config", "with", "extra=5", "-f");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains(outcome.Stdout.Split('\n'), l => l.Contains("extra = 5", StringComparison.Ordinal) && l.Contains("[added]", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_lists_commands_config_keys_and_flags()
    {
        var outcome = Full("--help");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Trains a small model on synthetic data.", outcome.Stdout);
        Assert.Contains("evaluate", outcome.Stdout);
        Assert.Contains("Evaluates a checkpoint.", outcome.Stdout);
        Assert.Contains("model.depth", outcome.Stdout);
        Assert.Contains("--file_storage", outcome.Stdout);
        Assert.Contains("adam", outcome.Stdout);
    }

    [Fact]
    public void Save_config_writes_the_final_config_as_json()
    {
        var path = Path.Combine(Path.GetTempPath(), "sacred-save-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var outcome = Full("save_config", "with", "config_filename=" + path, "lr=0.25");

            Assert.Equal(0, outcome.ExitCode);
            var json = File.ReadAllText(path);
            Assert.Contains("\"lr\": 0.25", json);
            Assert.Contains("\"depth\": 2", json);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ingredient_commands_config_and_named_configs_are_addressed_with_its_prefix()
    {
        var stats = WithIngredient("dataset.stats", "with", "dataset.rows=5");
        var main = WithIngredient("with", "dataset.small", "steps=2");
        var config = WithIngredient("print_config");

        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("data.csv: 5 rows", stats.Stdout);
        Assert.Contains("Result: \"data.csv#10x2\"", main.Stderr);
        Assert.Contains("dataset:", config.Stdout);
        Assert.Contains("path = \"data.csv\"", config.Stdout);
    }

    [Fact]
    public void Captured_overload_outside_a_run_explains_what_to_do()
    {
        var describe = _experiments.WithIngredient.Type("Demo.Dataset").GetMethod("Describe", Type.EmptyTypes)!;

        var error = Assert.Throws<TargetInvocationException>(() => describe.Invoke(null, null));

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("pass them explicitly", error.InnerException!.Message);
    }

    [Fact]
    public void Schema_inferred_from_the_first_config_file_with_later_files_and_named_configs_applied()
    {
        var defaults = Jsonic();
        var named = Jsonic("with", "big", "quick");
        var typed = Jsonic("with", "epochs=2.5");
        var config = Jsonic("print_config");

        Assert.Equal(0, defaults.ExitCode);
        Assert.Contains("lr=0.1 epochs=20 depth=2 name=baseline layers=64,32 big=10000000000", defaults.Stdout);
        Assert.Contains("epochs=1 depth=8", named.Stdout);
        Assert.Equal(2, typed.ExitCode);
        Assert.Contains("(int)", typed.Stderr);
        Assert.Contains("dropout = 0.5", config.Stdout);
    }

    [Fact]
    public void AutoMain_emits_the_entry_point()
    {
        const string source = """
            using System;
            using Sacred;

            [Experiment("auto", AutoMain = true)]
            public static partial class Auto
            {
                [Config] public sealed partial record Config { public int Answer { get; init; } = 41; }

                [Main] static int Compute(int answer) => answer + 1;
            }
            """;
        var result = GeneratorHarness.Run(new[] { (GeneratorHarness.SourcePath, source) }, System.Array.Empty<(string, string)>(), Microsoft.CodeAnalysis.OutputKind.ConsoleApplication);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        var entryPoint = GeneratorHarness.Load(result).EntryPoint!;
        Assert.Equal("Auto", entryPoint.DeclaringType!.Name);
        Assert.Equal(typeof(int), entryPoint.ReturnType);
    }

    [Fact]
    public void Config_record_gets_key_constants()
    {
        var keys = _experiments.Full.Type("Demo.Mnist+Config+Keys");
        var model = _experiments.Full.Type("Demo.Mnist+Config+Keys+Model");

        Assert.Equal("lr", keys.GetField("LearningRate")!.GetValue(null));
        Assert.Equal("model.depth", model.GetField("Depth")!.GetValue(null));
    }

    /// <summary>Compiled once for the whole class: compiling takes seconds.</summary>
    public sealed class Experiments
    {
        public CompiledExperiment Full { get; } = new(TestSources.Full, ("/src/default.json", TestSources.FullDefaults));

        public CompiledExperiment WithIngredient { get; } = new(TestSources.WithIngredient);

        public CompiledExperiment JsonSchema { get; } = new(
            TestSources.JsonSchema,
            ("/src/defaults.json", TestSources.JsonSchemaDefaults),
            ("/src/override.json", TestSources.JsonSchemaOverride),
            ("/src/named/big.json", TestSources.JsonSchemaBig));
    }
}
