using System;
using System.Globalization;
using System.Linq;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>
/// Dictionaries keyed by string (loss weights, heads by name): defaults from the initializer, entries added by
/// config files (checked entry by entry at compile time), set one by one on the command line (a new one only with
/// -f), replaced whole, printed as a nested mapping, stored as a plain JSON object and read back.
/// </summary>
public sealed class DictionaryConfigTests : IClassFixture<DictionaryConfigTests.Experiments>
{
    internal const string Source = """
        using System.Collections.Generic;
        using System.Globalization;
        using System.Linq;
        using Sacred;

        namespace Demo;

        public sealed record Head
        {
            public int Width { get; init; } = 32;
            public double? Dropout { get; init; }
            public int Parameters => Width * 2;
        }

        [Experiment("weighted")]
        [ConfigFile("weighted.json")]
        [NamedConfigFile("balanced.json")]
        public static partial class Weighted
        {
            [Config]
            public sealed partial record Config
            {
                /// <summary>Weight of each loss term.</summary>
                public Dictionary<string, double> LossWeights { get; init; } = new() { ["ce"] = 1.0, ["kl"] = 0.1 };
                public IReadOnlyDictionary<string, Head> Heads { get; init; } = new Dictionary<string, Head> { ["cls"] = new() };
                public Dictionary<string, List<int>> Schedules { get; init; } = new();
                public Dictionary<string, string>? Tags { get; init; }
            }

            [NamedConfig("Every loss term weighs the same")]
            static Config Even(Config c) => c with { LossWeights = c.LossWeights.ToDictionary(e => e.Key, _ => 1.0) };

            [Main]
            static string Main(IReadOnlyDictionary<string, double> lossWeights, IReadOnlyDictionary<string, Head> heads, Config config) =>
                string.Join(",", lossWeights.OrderBy(e => e.Key, System.StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value.ToString(CultureInfo.InvariantCulture)))
                + "|" + string.Join(",", heads.OrderBy(e => e.Key, System.StringComparer.Ordinal).Select(e => e.Key + ":" + e.Value.Width + ":" + (e.Value.Dropout?.ToString(CultureInfo.InvariantCulture) ?? "-")))
                + "|" + string.Join(",", config.Schedules.Select(e => e.Key + ":" + string.Join(" ", e.Value)))
                + "|" + (config.Tags is null ? "-" : string.Join(",", config.Tags.Select(e => e.Key + ":" + e.Value)));
        }
        """;

    internal static readonly (string Path, string Text)[] Files =
    {
        ("/src/weighted.json", """{ "loss_weights": { "kl": 0.5, "mse": 2 }, "heads": { "box": { "width": 8, "dropout": 0.5 } }, "schedules": { "lr": [1, 2] } }"""),
        ("/src/balanced.json", """{ "loss_weights": { "ce": 0.5 }, "heads": { "cls": { "width": 64 } }, "tags": { "owner": "ml" } }"""),
    };

    private readonly Experiments _experiments;

    public DictionaryConfigTests(Experiments experiments) => _experiments = experiments;

    private CliOutcome Weighted(params string[] args) => _experiments.Compiled.Run("Demo.Weighted", args);

    [Fact]
    public void Config_files_add_and_set_entries_on_top_of_the_initializer()
    {
        var defaults = Weighted("-u");
        var named = Weighted("with", "balanced", "-u");

        Assert.Contains("Result: \"ce=1,kl=0.5,mse=2|box:8:0.5,cls:32:-|lr:1 2|-\"", defaults.Stderr);
        Assert.Contains("Result: \"ce=0.5,kl=0.5,mse=2|box:8:0.5,cls:64:-|lr:1 2|owner:ml\"", named.Stderr);
    }

    [Fact]
    public void The_command_line_sets_one_entry_and_a_named_config_in_code_sees_the_file_entries()
    {
        var outcome = Weighted("with", "even", "loss_weights.kl=0.25", """heads.box={"width": 4}""", "schedules.lr=[3, 4, 5]", "-u");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Result: \"ce=1,kl=0.25,mse=1|box:4:-,cls:32:-|lr:3 4 5|-\"", outcome.Stderr);
    }

    [Fact]
    public void A_new_entry_on_the_command_line_is_an_error_naming_the_entries_there_are()
    {
        var outcome = Weighted("with", "loss_weights.focal=1", "-u");

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'loss_weights' has no entry 'focal' in 'loss_weights.focal=1'; its entries are 'ce', 'kl', 'mse'; add it with -f/--force", line);
    }

    [Fact]
    public void With_force_a_new_entry_is_added_and_print_config_marks_it_added()
    {
        var run = Weighted("with", "loss_weights.focal=3", "-f", "-u");
        var printed = Weighted("print_config", "with", "loss_weights.focal=3", "-f");

        Assert.Contains("Result: \"ce=1,focal=3,kl=0.5,mse=2|", run.Stderr);
        Assert.Contains("    focal = 3.0  [added]", printed.Stdout.Split('\n'));
    }

    [Fact]
    public void A_whole_dictionary_on_the_command_line_replaces_the_entries()
    {
        var outcome = Weighted("with", """loss_weights={"kl": 0.5, "ce": 1}""", """heads={"big": {"width": 256}}""", "-u");

        Assert.Contains("Result: \"ce=1,kl=0.5|big:256:-|", outcome.Stderr);
    }

    [Fact]
    public void Print_config_shows_a_dictionary_as_a_nested_mapping()
    {
        var printed = Weighted("print_config", "with", "loss_weights.kl=0.25");

        var lines = printed.Stdout.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("  loss_weights:", StringComparison.Ordinal));
        Assert.True(start >= 0, printed.Stdout);
        Assert.Contains("# Weight of each loss term.", lines[start]);
        Assert.EndsWith("[modified]", lines[start]);
        Assert.Equal(new[] { "    ce = 1.0", "    kl = 0.25  [modified]", "    mse = 2.0" }, lines[(start + 1)..(start + 4)]);
        Assert.Contains("    box:", lines);
        Assert.Contains("      width = 8", lines);
    }

    [Theory]
    [InlineData("loss_weights.kl=high", "invalid value 'high' for 'loss_weights.kl' (an entry of loss_weights: Dictionary<string, double>)")]
    [InlineData("""loss_weights={"kl": "high"}""", "(Dictionary<string, double>)")]
    [InlineData("""loss_weights=[1, 2]""", "(Dictionary<string, double>)")]
    [InlineData("""heads.cls={"wdth": 3}""", "an entry of heads: IReadOnlyDictionary<string, Head>")]
    [InlineData("""heads.cls.width=3""", "an entry of heads: IReadOnlyDictionary<string, Head>")]
    public void An_entry_or_dictionary_that_does_not_fit_gives_one_line_and_exit_code_2(string update, string expected)
    {
        var outcome = Weighted("with", update, "-u");

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
    }

    [Fact]
    public void An_updates_file_may_add_entries_without_force()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sacred-dictionary-" + Guid.NewGuid().ToString("N") + ".json");
        System.IO.File.WriteAllText(path, """{ "loss_weights": { "focal": 3 }, "heads": { "seg": { "width": 16 } } }""");
        try
        {
            var outcome = Weighted("with", path, "-u");

            Assert.Equal(0, outcome.ExitCode);
            Assert.Contains("Result: \"ce=1,focal=3,kl=0.5,mse=2|box:8:0.5,cls:32:-,seg:16:-|", outcome.Stderr);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    [Fact]
    public void A_dictionary_round_trips_through_print_config_the_stores_and_save_config()
    {
        var stored = ConfigRoundTrip.Check(
            _experiments.Compiled, "Demo.Weighted", "balanced", "loss_weights.kl=0.25", "loss_weights.focal=3", """heads.box={"width": 4, "dropout": 0.1}""", "-f");

        var weights = stored.GetProperty("loss_weights");
        Assert.Equal(new[] { "ce", "focal", "kl", "mse" }, weights.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.25, weights.GetProperty("kl").GetDouble());
        Assert.Equal(3, weights.GetProperty("focal").GetDouble());
        Assert.Equal(8, stored.GetProperty("heads").GetProperty("box").GetProperty("parameters").GetInt32());
        Assert.Equal("ml", stored.GetProperty("tags").GetProperty("owner").GetString());
        Assert.Equal(2, stored.GetProperty("schedules").GetProperty("lr")[1].GetInt32());
    }

    [Theory]
    [InlineData("""{ "loss_weights": { "kl": "high" } }""", "SACRED003", "\"high\"", "Value \"high\" for key 'loss_weights.kl' in 'weighted.json' does not fit type 'double'")]
    [InlineData("""{ "heads": { "box": { "widht": 8 } } }""", "SACRED002", "\"widht\"", "Unknown config key 'heads.box.widht' in 'weighted.json'; did you mean 'heads.box.width'?")]
    [InlineData("""{ "heads": { "box": { "parameters": 8 } } }""", "SACRED010", "\"parameters\"", "Config key 'heads.box.parameters' in 'weighted.json' is derived from other values and cannot be set")]
    [InlineData("""{ "schedules": { "lr": [1, 2.5] } }""", "SACRED003", "2.5", "Value 2.5 for key 'schedules.lr[1]' in 'weighted.json' does not fit type 'int'")]
    [InlineData("""{ "loss_weights": [1, 2] }""", "SACRED003", "[1, 2]", "Value (array) for key 'loss_weights' in 'weighted.json' does not fit type 'Dictionary<string, double>'")]
    public void A_config_file_entry_that_does_not_fit_is_reported_at_the_entry(string json, string id, string span, string message)
    {
        var result = GeneratorHarness.Run(Source, ("/src/weighted.json", json), Files[1]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(span, json.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("Dictionary<int, double>")]
    [InlineData("Dictionary<string, Dictionary<string, int>>")]
    [InlineData("Dictionary<string, double?>")]
    public void A_dictionary_the_command_line_cannot_address_is_reported(string type)
    {
        var result = GeneratorHarness.Run($$"""
            using System.Collections.Generic;
            using Sacred;
            namespace Demo;
            [Experiment] public static partial class Exp
            {
                [Config] public sealed partial record Config { public {{type}} Weights { get; init; } = new(); }
            }
            """);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SACRED008", diagnostic.Id);
        Assert.StartsWith($"Config member 'weights' has type '{type}'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>Compiled once for the class.</summary>
    public sealed class Experiments
    {
        public CompiledExperiment Compiled { get; } = new(Source, Files);
    }
}
