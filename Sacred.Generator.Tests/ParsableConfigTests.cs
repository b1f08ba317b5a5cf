using System;
using System.Linq;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>
/// Value types beyond the built-in ones, parsed without reflection: Uri and any <c>T : IParsable&lt;T&gt;</c> (Guid,
/// DateOnly, TimeOnly, Half, byte, a user's type), through config files, named configs, the command line,
/// print_config, the store, save_config and back.
/// </summary>
public sealed class ParsableConfigTests : IClassFixture<ParsableConfigTests.Experiments>
{
    internal const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Globalization;
        using Sacred;

        namespace Demo;

        /// <summary>A user's parsable type, written "3x4"; a record struct, yet a value, not nested config.</summary>
        public readonly record struct Size(int Width, int Height) : IParsable<Size>
        {
            public static Size Parse(string s, IFormatProvider? provider) => TryParse(s, provider, out var size) ? size : throw new FormatException(s);

            public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out Size result)
            {
                var parts = s?.Split('x');
                if (parts is { Length: 2 }
                    && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height))
                {
                    result = new Size(width, height);
                    return true;
                }

                result = default;
                return false;
            }

            public override string ToString() => Width.ToString(CultureInfo.InvariantCulture) + "x" + Height.ToString(CultureInfo.InvariantCulture);
        }

        [Experiment("parsable")]
        [ConfigFile("parsable.json")]
        [NamedConfigFile("later.json")]
        public static partial class Parsed
        {
            [Config]
            public sealed partial record Config
            {
                public Guid RunGroup { get; init; } = Guid.Empty;
                public DateOnly Start { get; init; } = new(2024, 1, 1);
                public TimeOnly At { get; init; } = new(12, 0);
                public Half Epsilon { get; init; } = (Half)0.5;
                public byte Bits { get; init; } = 8;
                public Uri Endpoint { get; init; } = new("https://example.com/data");
                public Size Patch { get; init; } = new(3, 3);
                public Guid? Parent { get; init; }
                public List<Guid> Extra { get; init; } = new();
            }

            [Main]
            static string Main(Guid runGroup, DateOnly start, TimeOnly at, Half epsilon, byte bits, Uri endpoint, Size patch, Guid? parent, List<Guid> extra) =>
                string.Join("|", runGroup, start.ToString("O", CultureInfo.InvariantCulture), at.ToString("HH:mm", CultureInfo.InvariantCulture),
                    epsilon.ToString(CultureInfo.InvariantCulture), bits, endpoint, patch, parent?.ToString() ?? "none", extra.Count);
        }
        """;

    internal static readonly (string Path, string Text)[] Files =
    {
        ("/src/parsable.json", """{ "start": "2025-02-03", "epsilon": 0.25, "endpoint": "https://example.org/x", "patch": "5x6" }"""),
        ("/src/later.json", """{ "run_group": "0f8fad5b-d9cb-469f-a165-70867728950e", "bits": 4 }"""),
    };

    private const string Parent = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    private readonly Experiments _experiments;

    public ParsableConfigTests(Experiments experiments) => _experiments = experiments;

    private CliOutcome Parsed(params string[] args) => _experiments.Compiled.Run("Demo.Parsed", args);

    [Fact]
    public void Values_from_a_config_file_a_named_config_and_the_command_line_reach_main()
    {
        var outcome = Parsed("with", "later", "at=08:30", "parent=" + Parent, "extra=['" + Parent + "']", "-u");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Result: \"0f8fad5b-d9cb-469f-a165-70867728950e|2025-02-03|08:30|0.25|4|https://example.org/x|5x6|" + Parent + "|1\"", outcome.Stderr);
    }

    [Fact]
    public void Print_config_shows_text_for_values_and_numbers_for_number_types()
    {
        var lines = Parsed("print_config").Stdout.Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains("start = \"2025-02-03\"", lines);
        Assert.Contains("at = \"12:00:00.0000000\"", lines);
        Assert.Contains("epsilon = 0.25", lines);
        Assert.Contains("bits = 8", lines);
        Assert.Contains("endpoint = \"https://example.org/x\"", lines);
        Assert.Contains("patch = \"5x6\"", lines);
        Assert.Contains("parent = null", lines);
    }

    [Fact]
    public void Parsable_values_round_trip_through_print_config_the_store_and_save_config()
    {
        var stored = ConfigRoundTrip.Check(
            _experiments.Compiled, "Demo.Parsed", "later", "patch=7x8", "epsilon=0.125", "parent=" + Parent, "extra=['" + Parent + "', '" + Guid.Empty + "']");

        Assert.Equal("7x8", stored.GetProperty("patch").GetString());
        Assert.Equal(0.125, stored.GetProperty("epsilon").GetDouble());
        Assert.Equal(4, stored.GetProperty("bits").GetInt32());
        Assert.Equal(Parent, stored.GetProperty("parent").GetString());
        Assert.Equal(2, stored.GetProperty("extra").GetArrayLength());
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", stored.GetProperty("run_group").GetString());
    }

    [Theory]
    [InlineData("patch=7y8", "(Size)")]
    [InlineData("run_group=nope", "(Guid)")]
    [InlineData("bits=300", "(byte)")]
    [InlineData("start=2025-13-01", "(DateOnly)")]
    public void A_value_its_type_cannot_parse_gives_one_line_and_exit_code_2(string update, string type)
    {
        var outcome = Parsed("with", update, "-u");

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(type, line);
    }

    [Theory]
    [InlineData("""{ "run_group": 5 }""", "Value 5 for key 'run_group' in 'parsable.json' does not fit type 'Guid'")]
    [InlineData("""{ "run_group": "nope" }""", "Value \"nope\" for key 'run_group' in 'parsable.json' does not fit type 'Guid'")]
    [InlineData("""{ "bits": 300 }""", "Value 300 for key 'bits' in 'parsable.json' does not fit type 'byte'")]
    [InlineData("""{ "patch": true }""", "Value true for key 'patch' in 'parsable.json' does not fit type 'Size'")]
    public void A_config_file_value_that_cannot_be_one_is_a_build_error_at_the_value(string json, string message)
    {
        var result = GeneratorHarness.Run(Source, ("/src/parsable.json", json), Files[1]);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SACRED003", diagnostic.Id);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Compiled once for the class.</summary>
    public sealed class Experiments
    {
        public CompiledExperiment Compiled { get; } = new(Source, Files);
    }
}
