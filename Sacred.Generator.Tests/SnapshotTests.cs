using System.Linq;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

public sealed class SnapshotTests
{
    [Fact]
    public void Full_experiment_generates_expected_code_that_compiles_clean()
    {
        var result = GeneratorHarness.Run(TestSources.Full, ("/src/default.json", TestSources.FullDefaults));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Snapshot.Verify("Full.Mnist", result.Generated["Demo.Mnist.Sacred.g.cs"]);
        Snapshot.Verify("Full.Mnist.Sources", result.Generated["Demo.Mnist.Sources.g.cs"]);
    }

    [Fact]
    public void Ingredient_and_experiment_generate_expected_code_that_compiles_clean()
    {
        var result = GeneratorHarness.Run(TestSources.WithIngredient);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Snapshot.Verify("Ingredient.Dataset", result.Generated["Demo.Dataset.Sacred.g.cs"]);
        Snapshot.Verify("Ingredient.Pipeline", result.Generated["Demo.Pipeline.Sacred.g.cs"]);
    }

    [Fact]
    public void Schema_from_json_files_generates_expected_code_that_compiles_clean()
    {
        var result = GeneratorHarness.Run(
            new[] { (GeneratorHarness.SourcePath, TestSources.JsonSchema) },
            new[] { ("/src/defaults.json", TestSources.JsonSchemaDefaults), ("/src/override.json", TestSources.JsonSchemaOverride), ("/src/named/big.json", TestSources.JsonSchemaBig) },
            Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Snapshot.Verify("JsonSchema.Jsonic", result.Generated["Demo.Jsonic.Sacred.g.cs"]);
    }

    [Fact]
    public void Whole_typed_configs_as_parameters_and_plain_nested_records_generate_expected_code_that_compiles_clean()
    {
        var result = GeneratorHarness.Run(
            new[] { (GeneratorHarness.SourcePath, TypedConfigTests.Source) },
            new[] { ("/src/typed.json", "{ \"optimizer\": { \"learning_rate\": 0.5 } }"), ("/src/slow.json", "{ }"), ("/src/jsonic.json", "{ \"name\": \"base\", \"model\": { \"depth\": 2 } }") },
            Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Snapshot.Verify("Typed.Typed", result.Generated["Demo.Typed.Sacred.g.cs"]);
    }

    [Fact]
    public void Parsable_value_types_generate_expected_code_that_compiles_clean()
    {
        var result = GeneratorHarness.Run(new[] { (GeneratorHarness.SourcePath, ParsableConfigTests.Source) }, ParsableConfigTests.Files, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Snapshot.Verify("Parsable.Parsed", result.Generated["Demo.Parsed.Sacred.g.cs"]);
    }

    [Fact]
    public void Lists_of_records_generate_expected_code_that_compiles_clean()
    {
        var result = GeneratorHarness.Run(new[] { (GeneratorHarness.SourcePath, RecordListTests.Source) }, RecordListTests.Files, Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Snapshot.Verify("RecordList.Layered", result.Generated["Demo.Layered.Sacred.g.cs"]);
        Snapshot.Verify("RecordList.Inferred", result.Generated["Demo.Inferred.Sacred.g.cs"]);
    }

    [Fact]
    public void Generated_code_is_deterministic()
    {
        var first = GeneratorHarness.Run(TestSources.Full, ("/src/default.json", TestSources.FullDefaults));
        var second = GeneratorHarness.Run(TestSources.Full, ("/src/default.json", TestSources.FullDefaults));

        Assert.Equal(first.Generated.OrderBy(p => p.Key), second.Generated.OrderBy(p => p.Key));
        Assert.All(first.Generated.Values, text => Assert.DoesNotContain("\r", text));
    }
}
