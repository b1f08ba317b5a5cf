using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests.Binding;

/// <summary>
/// One table of cases for the one rule of whether a value fits a key, asserted both ways a value travels — a
/// key's value into an injected parameter, a JSON value into a key — and for both schema sources, a C#
/// <c>[Config]</c> record and a schema inferred from a JSON file. A case that fits must also compile clean.
/// </summary>
public sealed class ValueFitTests
{
    /// <summary>Where the schema comes from.</summary>
    public enum Schema
    {
        Record,
        JsonFile,
    }

    /// <summary>
    /// A value of type <paramref name="From"/> meets type <paramref name="To"/>: for a parameter, the key has type
    /// From and the parameter type To; for a JSON value, <paramref name="Json"/> (a JSON value of type From) goes
    /// into a key of type To. <paramref name="FromSample"/> and <paramref name="ToSample"/> are JSON values a
    /// JSON file schema infers From and To from (null: no JSON file infers that type).
    /// </summary>
    public sealed record FitCase(string From, string To, string Json, string? FromSample, string? ToSample, bool ParameterFits, bool JsonFits)
    {
        public override string ToString() => From + " -> " + To + " (" + Json + ")";
    }

    private static readonly FitCase[] Table =
    {
        new("int", "long", "3", "3", "10000000000", true, true),
        new("long", "int", "10000000000", "10000000000", "3", false, false),
        new("int", "double", "3", "3", "0.5", true, true),
        new("double", "int", "2.5", "0.5", "3", false, false),
        new("int", "int?", "3", "3", null, true, true),
        new("int?", "int", "null", null, "3", false, false),
        new("string", "string", "\"a\"", "\"a\"", "\"b\"", true, true),
        new("string", "string?", "\"a\"", "\"a\"", "null", true, true),
        new("string?", "string", "null", "null", "\"b\"", false, false),
        new("int", "string", "3", "3", "\"b\"", false, false),
        new("string", "int", "\"3\"", "\"a\"", "3", false, false),
        new("Optimizer", "Optimizer", "\"sgd\"", null, null, true, true),
        new("Optimizer", "Optimizer", "\"step_decay\"", null, null, true, true),
        new("Optimizer", "int", "\"sgd\"", null, "3", false, false),
        new("List<int>", "List<int>", "[1, 2]", "[1]", "[1]", true, true),
        new("List<int>", "IReadOnlyList<int>", "[1, 2]", "[1]", null, true, true),
        new("int[]", "IReadOnlyList<int>", "[1, 2]", null, null, true, true),
        new("List<double>", "List<int>", "[1.5]", "[0.5]", "[1]", false, false),

        // A list is passed to a parameter by reference, so its element type must match; a JSON list is built
        // element by element, each element a literal that widens like any other.
        new("List<int>", "List<long>", "[1, 2]", "[1]", "[10000000000]", false, true),
        new("int", "List<int>", "3", "3", "[1]", false, false),
        new("ModelConfig", "ModelConfig", "{ \"depth\": 3 }", "{ \"depth\": 2 }", "{ \"depth\": 2 }", true, true),
        new("int", "ModelConfig", "3", "3", "{ \"depth\": 2 }", false, false),
    };

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using Sacred;

        namespace Demo;

        public enum Optimizer { Adam, Sgd, StepDecay }

        """;

    private const string DeclaredModel = """

        [Config]
        public sealed partial record ModelConfig
        {
            public int Depth { get; init; } = 2;
        }
        """;

    public static TheoryData<FitCase, Schema> ParameterCases() => Cases(c => c.FromSample);

    public static TheoryData<FitCase, Schema> JsonCases() => Cases(c => c.ToSample);

    [Theory]
    [MemberData(nameof(ParameterCases))]
    public void A_keys_value_fits_a_parameter_by_the_one_rule(FitCase item, Schema schema)
    {
        var main = "    [Main] static void Go(" + item.To + " model) { }\n";
        var result = schema == Schema.Record
            ? GeneratorHarness.Run(Header + "[Experiment] public static partial class Exp\n{\n" + Record(item.From) + main + "}\n" + DeclaredModel)
            : GeneratorHarness.Run(
                Header + "[Experiment, ConfigFile(\"defaults.json\")] public static partial class Exp\n{\n" + main + "}\n",
                ("/src/defaults.json", "{ \"model\": " + item.FromSample + " }"));

        AssertFits(result, item.ParameterFits, "SACRED007");
    }

    [Theory]
    [MemberData(nameof(JsonCases))]
    public void A_json_value_fits_a_key_by_the_one_rule(FitCase item, Schema schema)
    {
        var value = ("/src/value.json", "{ \"model\": " + item.Json + " }");
        var result = schema == Schema.Record
            ? GeneratorHarness.Run(Header + "[Experiment, ConfigFile(\"value.json\")] public static partial class Exp\n{\n" + Record(item.To) + "}\n" + DeclaredModel, value)
            : GeneratorHarness.Run(
                Header + "[Experiment, ConfigFile(\"defaults.json\"), ConfigFile(\"value.json\")] public static partial class Exp { }\n",
                ("/src/defaults.json", "{ \"model\": " + item.ToSample + " }"),
                value);

        AssertFits(result, item.JsonFits, "SACRED003");
    }

    private static TheoryData<FitCase, Schema> Cases(System.Func<FitCase, string?> sample)
    {
        var data = new TheoryData<FitCase, Schema>();
        foreach (var item in Table)
        {
            data.Add(item, Schema.Record);
            if (sample(item) is not null)
            {
                data.Add(item, Schema.JsonFile);
            }
        }

        return data;
    }

    private static string Record(string type) =>
        "    [Config] public sealed partial record Config { public " + type + " Model { get; init; } = " + (type == "ModelConfig" ? "new()" : "default!") + "; }\n";

    private static void AssertFits(HarnessResult result, bool fits, string id)
    {
        if (fits)
        {
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Empty(result.OutputProblems);
            return;
        }

        Assert.Equal(id, Assert.Single(result.GeneratorDiagnostics).Id);
    }

    [Fact]
    public void A_json_file_schema_with_a_list_no_type_fits_reports_the_element_that_does_not_fit()
    {
        var result = GeneratorHarness.Run(
            Header + "[Experiment, ConfigFile(\"defaults.json\")] public static partial class Exp { }\n",
            ("/src/defaults.json", "{ \"model\": [1, \"a\"] }"));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SACRED003", diagnostic.Id);
        Assert.Equal("Value 1 for key 'model[0]' in 'defaults.json' does not fit type 'string'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
