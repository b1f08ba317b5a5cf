using System;
using System.Globalization;
using System.Linq;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>
/// Lists of records, a model described layer by layer: from config files (checked element by element at compile
/// time), named configs, the command line as a whole JSON list, print_config, the store, save_config and back.
/// </summary>
public sealed class RecordListTests : IClassFixture<RecordListTests.Experiments>
{
    internal const string Source = """
        using System.Collections.Generic;
        using System.Globalization;
        using System.Linq;
        using Sacred;

        namespace Demo;

        public enum Activation { Relu, Tanh }

        public sealed record LayerSpec
        {
            public int Width { get; init; } = 32;
            public Activation Activation { get; init; } = Activation.Relu;
            public double? Dropout { get; init; }
            public int Parameters => Width * 2;
        }

        [Experiment("layered")]
        [ConfigFile("layered.json")]
        [NamedConfigFile("wide.json")]
        public static partial class Layered
        {
            [Config]
            public sealed partial record Config
            {
                public List<LayerSpec> Layers { get; init; } = [new(), new() { Width = 16 }];
                public LayerSpec[] Heads { get; init; } = [];
            }

            [Main]
            static string Main(List<LayerSpec> layers, LayerSpec[] heads) =>
                string.Join(",", layers.Select(l => l.Width + ":" + l.Activation + ":" + (l.Dropout?.ToString(CultureInfo.InvariantCulture) ?? "-"))) + "|" + heads.Length;
        }

        [Experiment("inferred")]
        [ConfigFile("net.json")]
        public static partial class Inferred
        {
            [Main] static int Main(Config config) => config.Layers.Sum(l => l.Width);
        }
        """;

    internal static readonly (string Path, string Text)[] Files =
    {
        ("/src/layered.json", """{ "layers": [{ "width": 64, "activation": "tanh" }, { "width": 8, "dropout": 0.5 }] }"""),
        ("/src/wide.json", """{ "heads": [{ "width": 128 }] }"""),
        ("/src/net.json", """{ "layers": [{ "width": 64, "name": "in" }, { "width": 8, "name": "out" }] }"""),
    };

    private readonly Experiments _experiments;

    public RecordListTests(Experiments experiments) => _experiments = experiments;

    private CliOutcome Layered(params string[] args) => _experiments.Compiled.Run("Demo.Layered", args);

    [Fact]
    public void A_config_file_sets_the_list_and_a_named_config_and_the_command_line_replace_lists()
    {
        var defaults = Layered("-u");
        var updated = Layered("with", "wide", """layers=[{"width": 3}, {"width": 4, "activation": "tanh"}]""", "-u");

        Assert.Contains("Result: \"64:Tanh:-,8:Relu:0.5|0\"", defaults.Stderr);
        Assert.Contains("Result: \"3:Relu:-,4:Tanh:-|1\"", updated.Stderr);
    }

    [Fact]
    public void Print_config_shows_the_list_of_records_as_a_list_of_objects()
    {
        var printed = Layered("print_config", "with", "wide");

        var heads = Assert.Single(printed.Stdout.Split('\n'), l => l.TrimStart().StartsWith("heads = ", StringComparison.Ordinal));
        Assert.Equal("  heads = [{\"activation\": \"relu\", \"dropout\": null, \"parameters\": 256, \"width\": 128}]  [modified]", heads);
    }

    [Fact]
    public void A_list_of_records_round_trips_through_print_config_the_store_and_save_config()
    {
        var stored = ConfigRoundTrip.Check(_experiments.Compiled, "Demo.Layered", "wide", """layers=[{"width": 5, "activation": "tanh", "dropout": 0.25}]""");

        var layer = Assert.Single(stored.GetProperty("layers").EnumerateArray());
        Assert.Equal(5, layer.GetProperty("width").GetInt32());
        Assert.Equal("tanh", layer.GetProperty("activation").GetString());
        Assert.Equal(0.25, layer.GetProperty("dropout").GetDouble());
        Assert.Equal(10, layer.GetProperty("parameters").GetInt32());
        Assert.Equal(128, stored.GetProperty("heads")[0].GetProperty("width").GetInt32());
    }

    [Theory]
    [InlineData("""layers=[{"wdth": 3}]""")]
    [InlineData("""layers=[{"width": "wide"}]""")]
    [InlineData("""layers=[3]""")]
    [InlineData("""layers=[{"width": 3}""")]
    public void A_list_that_does_not_fit_gives_one_line_and_exit_code_2(string update)
    {
        var outcome = Layered("with", update, "-u");

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("List<LayerSpec>", line);
    }

    [Theory]
    [InlineData("""{ "layers": [{ "width": 64 }, { "widht": 8 }] }""", "SACRED002", "\"widht\"", "Unknown config key 'layers[1].widht' in 'layered.json'; did you mean 'layers[1].width'?")]
    [InlineData("""{ "layers": [{ "width": 2.5 }] }""", "SACRED003", "2.5", "Value 2.5 for key 'layers[0].width' in 'layered.json' does not fit type 'int'")]
    [InlineData("""{ "layers": [{ "parameters": 3 }] }""", "SACRED010", "\"parameters\"", "Config key 'layers[0].parameters' in 'layered.json' is derived from other values and cannot be set")]
    [InlineData("""{ "layers": [7] }""", "SACRED003", "7", "Value 7 for key 'layers[0]' in 'layered.json' does not fit type 'LayerSpec'")]
    public void A_config_file_element_that_does_not_fit_is_reported_at_the_element(string json, string id, string span, string message)
    {
        var result = GeneratorHarness.Run(Source, ("/src/layered.json", json), Files[1], Files[2]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(span, json.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void A_json_file_schema_infers_a_list_of_records_from_a_list_of_objects()
    {
        var outcome = _experiments.Compiled.Run("Demo.Inferred", "with", """layers=[{"width": 1, "name": "a"}, {"width": 2}]""", "-u");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Result: 3", outcome.Stderr);
    }

    [Fact]
    public void A_record_without_a_parameterless_constructor_cannot_be_a_list_element()
    {
        var result = GeneratorHarness.Run("""
            using System.Collections.Generic;
            using Sacred;
            namespace Demo;
            public sealed record Spec(int Width);
            [Experiment] public static partial class Exp
            {
                [Config] public sealed partial record Config { public List<Spec> Specs { get; init; } = []; }
            }
            """);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SACRED008", diagnostic.Id);
        Assert.StartsWith("Config member 'specs' has type 'List<Spec>'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>Compiled once for the class.</summary>
    public sealed class Experiments
    {
        public CompiledExperiment Compiled { get; } = new(Source, Files);
    }
}
