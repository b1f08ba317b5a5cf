using System.Text.Json;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>
/// Config as ML code writes it: the whole typed config (the experiment's or an ingredient's) as a parameter of
/// main, command and captured functions whatever its name, and plain records as nested config.
/// </summary>
public sealed class TypedConfigTests : IClassFixture<TypedConfigTests.Experiments>
{
    internal const string Source = """
        using Sacred;

        namespace Demo;

        /// <summary>A plain record, neither [Config] nor partial: nested config all the same.</summary>
        public sealed record OptimizerConfig
        {
            public string Name { get; init; } = "adam";
            public double LearningRate { get; init; } = 0.1;
            public ScheduleConfig Schedule { get; init; } = new(10, 0.5);
        }

        public sealed record ScheduleConfig(int StepSize, double Gamma);

        [Ingredient("data")]
        public static partial class Data
        {
            [Config] public sealed partial record Config { public string Path { get; init; } = "d.csv"; public int Rows { get; init; } = 10; }

            [Command] static string Show(Config settings) => settings.Path + ":" + settings.Rows;
        }

        [Experiment("typed", Ingredients = new[] { typeof(Data) })]
        [ConfigFile("typed.json")]
        [NamedConfigFile("slow.json")]
        public static partial class Typed
        {
            [Config]
            public sealed partial record Config
            {
                public int Epochs { get; init; } = 3;
                public OptimizerConfig Optimizer { get; init; } = new();
            }

            [NamedConfig] static Config Sgd(Config c) => c with { Optimizer = c.Optimizer with { Name = "sgd" } };

            [Main]
            static string Train(Config config, Data.Config data, Run run) =>
                $"{config.Epochs}|{config.Optimizer.Name}|{config.Optimizer.LearningRate}|{config.Optimizer.Schedule.StepSize}|{data.Path}|{Summary()}";

            [Command] static string Inspect(Config whatever) => whatever.Optimizer.Name + "@" + whatever.Optimizer.Schedule.Gamma;

            [Captured] static string Summary(Config cfg, Data.Config d, int epochs) => cfg.Epochs + "/" + d.Rows + "/" + epochs;
        }

        [Experiment("jsonic")]
        [ConfigFile("jsonic.json")]
        public static partial class Jsonic
        {
            [Main] static string Main(Config all) => all.Name + ":" + all.Model.Depth;
        }
        """;

    private readonly Experiments _experiments;

    public TypedConfigTests(Experiments experiments) => _experiments = experiments;

    private CliOutcome Typed(params string[] args) => _experiments.Compiled.Run("Demo.Typed", args);

    [Fact]
    public void Main_command_and_captured_functions_receive_the_whole_typed_configs()
    {
        var main = Typed("with", "epochs=4", "optimizer.name=rmsprop", "optimizer.schedule.step_size=7", "data.path=x.csv", "-u");
        var inspect = Typed("inspect", "with", "sgd", "-u");
        var show = Typed("data.show", "with", "data.rows=5", "-u");

        Assert.Equal(0, main.ExitCode);
        Assert.Contains("Result: \"4|rmsprop|0.5|7|x.csv|4/10/4\"", main.Stderr);
        Assert.Contains("Result: \"sgd@0.25\"", inspect.Stderr);
        Assert.Contains("Result: \"d.csv:5\"", show.Stderr);
    }

    [Fact]
    public void A_json_file_schema_gives_its_generated_record_as_the_whole_config()
    {
        var outcome = _experiments.Compiled.Run("Demo.Jsonic", "with", "model.depth=5", "-u");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Result: \"base:5\"", outcome.Stderr);
    }

    [Fact]
    public void A_plain_record_is_nested_config_through_files_named_configs_and_the_command_line()
    {
        var printed = Typed("print_config", "with", "slow", "optimizer.schedule.gamma=0.75");

        Assert.Equal(0, printed.ExitCode);
        var lines = printed.Stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("  optimizer:", System.StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    learning_rate = 0.01  [modified]", System.StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("    schedule:", System.StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("      gamma = 0.75  [modified]", System.StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "      step_size = 10");
    }

    [Fact]
    public void A_plain_record_round_trips_through_print_config_the_store_and_save_config()
    {
        var stored = ConfigRoundTrip.Check(_experiments.Compiled, "Demo.Typed", "slow", "optimizer.name=sgd", "optimizer.schedule.step_size=3");

        var optimizer = stored.GetProperty("optimizer");
        Assert.Equal("sgd", optimizer.GetProperty("name").GetString());
        Assert.Equal(0.01, optimizer.GetProperty("learning_rate").GetDouble());
        Assert.Equal(3, optimizer.GetProperty("schedule").GetProperty("step_size").GetInt32());
        Assert.Equal(0.25, optimizer.GetProperty("schedule").GetProperty("gamma").GetDouble());
        Assert.Equal(JsonValueKind.Object, stored.GetProperty("data").ValueKind);
    }

    [Fact]
    public void A_record_member_with_an_unsupported_type_names_the_member_and_what_would_work()
    {
        var result = GeneratorHarness.Run("""
            using Sacred;
            namespace Demo;
            public sealed record OptimizerConfig { public System.IO.Stream? Log { get; init; } }
            [Experiment] public static partial class Exp
            {
                [Config] public sealed partial record Config { public OptimizerConfig Optimizer { get; init; } = new(); }
            }
            """);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SACRED008", diagnostic.Id);
        Assert.StartsWith("Config member 'log' has type 'Stream?'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Compiled once for the class.</summary>
    public sealed class Experiments
    {
        public CompiledExperiment Compiled { get; } = new(
            Source,
            ("/src/typed.json", """{ "optimizer": { "learning_rate": 0.5, "schedule": { "gamma": 0.25 } } }"""),
            ("/src/slow.json", """{ "optimizer": { "learning_rate": 0.01 } }"""),
            ("/src/jsonic.json", """{ "name": "base", "model": { "depth": 2 } }"""));
    }
}
