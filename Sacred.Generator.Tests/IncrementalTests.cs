using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sacred.Generator.Model;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

public sealed class IncrementalTests
{
    private static readonly string[] ModelSteps =
    {
        SacredGenerator.Steps.Experiments,
        SacredGenerator.Steps.JsonFiles,
        SacredGenerator.Steps.Bound,
        SacredGenerator.Steps.Code,
        SacredGenerator.Steps.Diagnostics,
        SacredGenerator.Steps.Targets,
    };

    private const string UnrelatedFile = "an unrelated file added";
    private const string CommentInBody = "a comment and blank lines inside a method body";
    private const string Indentation = "indentation changed";
    private const string LinesBefore = "blank lines before the experiment, moving every position after them";

    [Theory]
    [InlineData(UnrelatedFile)]
    [InlineData(CommentInBody)]
    [InlineData(Indentation)]
    [InlineData(LinesBefore)]
    public void Edit_that_changes_no_model_leaves_every_model_step_cached_or_unchanged(string edit)
    {
        foreach (var (source, files) in new[] { (TestSources.Full, new[] { ("/src/default.json", TestSources.FullDefaults) }), (TestSources.JsonSchema, JsonSchemaFiles) })
        {
            var compilation = GeneratorHarness.CreateCompilation(new[] { (GeneratorHarness.SourcePath, source) });
            var driver = GeneratorHarness.CreateDriver(files).RunGenerators(compilation);

            var result = driver.RunGenerators(Edit(compilation, source, edit)).GetRunResult().Results.Single();

            AssertModelStepsCachedOrUnchanged(result);
        }
    }

    [Fact]
    public void In_the_ide_sources_are_not_read_and_the_generated_code_still_compiles()
    {
        var compilation = GeneratorHarness.CreateCompilation(new[] { (GeneratorHarness.SourcePath, TestSources.Full) });
        var driver = GeneratorHarness.CreateDriver(IncrementalGeneratorOutputKind.Implementation, ("/src/default.json", TestSources.FullDefaults))
            .RunGenerators(compilation);

        var edited = Edit(compilation, TestSources.Full, CommentInBody);
        driver = driver.RunGeneratorsAndUpdateCompilation(edited, out var output, out var diagnostics);
        var result = driver.GetRunResult().Results.Single();

        Assert.Empty(diagnostics);
        Assert.DoesNotContain(SacredGenerator.Steps.Sources, result.TrackedSteps.Keys);
        Assert.DoesNotContain(SacredGenerator.Steps.Build, result.TrackedSteps.Keys);
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.EndsWith(".Sources.g.cs", StringComparison.Ordinal));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    private static readonly (string, string)[] JsonSchemaFiles =
    {
        ("/src/defaults.json", TestSources.JsonSchemaDefaults),
        ("/src/override.json", TestSources.JsonSchemaOverride),
        ("/src/named/big.json", TestSources.JsonSchemaBig),
    };

    private static CSharpCompilation Edit(CSharpCompilation compilation, string source, string edit)
    {
        if (edit == UnrelatedFile)
        {
            return compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public static class Unrelated { public static int Answer => 42; }", GeneratorHarness.ParseOptions, "/src/Unrelated.cs"));
        }

        var edited = edit switch
        {
            CommentInBody => InsertAtLineOf(source, "Console.WriteLine($\"", "\n\n        // a comment that changes nothing\n\n"),
            Indentation => source.Replace("    [Main]", "  [Main]", StringComparison.Ordinal),
            _ => source.Replace("namespace Demo;", "namespace Demo;\n\n", StringComparison.Ordinal),
        };
        Assert.NotEqual(source, edited);
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == GeneratorHarness.SourcePath);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(edited, GeneratorHarness.ParseOptions, GeneratorHarness.SourcePath));
    }

    /// <summary>Inserts <paramref name="text"/> at the start of the line holding <paramref name="marker"/>.</summary>
    private static string InsertAtLineOf(string source, string marker, string text)
    {
        var index = source.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, "marker not found: " + marker);
        var lineStart = source.LastIndexOf('\n', index) + 1;
        return source.Insert(lineStart, text);
    }

    private static void AssertModelStepsCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (var step in ModelSteps)
        {
            if (!result.TrackedSteps.TryGetValue(step, out var runs))
            {
                continue;
            }

            foreach (var output in runs.SelectMany(r => r.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {step} was {output.Reason}");
            }
        }

        Assert.Contains(SacredGenerator.Steps.Experiments, result.TrackedSteps.Keys);
        Assert.Contains(SacredGenerator.Steps.Bound, result.TrackedSteps.Keys);
        Assert.Contains(SacredGenerator.Steps.Code, result.TrackedSteps.Keys);
    }

    [Fact]
    public void Editing_a_config_file_reruns_binding_but_not_parsing()
    {
        var compilation = GeneratorHarness.CreateCompilation(new[] { (GeneratorHarness.SourcePath, TestSources.Full) });
        var file = new InMemoryAdditionalText("/src/default.json", TestSources.FullDefaults);
        var driver = GeneratorHarness.CreateDriver(file);
        driver = driver.RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(file, new InMemoryAdditionalText("/src/default.json", "{ \"batch_size\": 64 }"));

        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[SacredGenerator.Steps.Experiments].SelectMany(r => r.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Contains(result.TrackedSteps[SacredGenerator.Steps.Bound].SelectMany(r => r.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("BatchSize = 64", result.GeneratedSources.Single(s => s.HintName == "Demo.Mnist.Sacred.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Pipeline_models_hold_no_roslyn_objects_or_plain_arrays()
    {
        var result = GeneratorHarness.Run(TestSources.Full, ("/src/default.json", TestSources.FullDefaults));
        var tracked = result.RunResult.Results.Single().TrackedSteps;

        var values = ModelSteps.Where(tracked.ContainsKey)
            .SelectMany(step => tracked[step])
            .SelectMany(run => run.Outputs)
            .Select(output => output.Value)
            .ToList();

        Assert.NotEmpty(values);
        foreach (var value in values)
        {
            Walk(value, "root", new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        var type = value.GetType();
        Assert.False(value is ISymbol or Location or SyntaxNode or SyntaxTree or Compilation or SemanticModel, $"{path} holds a {type.Name}");
        Assert.False(type.IsArray, $"{path} holds a plain array {type.Name}");
        Assert.False(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>), $"{path} holds an ImmutableArray");
        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            var index = 0;
            foreach (var item in (IEnumerable)value)
            {
                Walk(item, path + "[" + index++ + "]", seen);
            }

            return;
        }

        if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal))
        {
            foreach (var field in type.GetFields())
            {
                Walk(field.GetValue(value), path + "." + field.Name, seen);
            }

            return;
        }

        Assert.True(type.Namespace == typeof(OwnerModel).Namespace, $"{path} holds {type.FullName}, which is not a model type");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            Walk(property.GetValue(value), path + "." + property.Name, seen);
        }
    }
}
