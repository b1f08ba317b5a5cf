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

    [Fact]
    public void Unrelated_edit_leaves_every_model_step_cached_or_unchanged()
    {
        var files = new[] { ("/src/default.json", TestSources.FullDefaults) };
        var compilation = GeneratorHarness.CreateCompilation(new[] { (GeneratorHarness.SourcePath, TestSources.Full) });
        var driver = GeneratorHarness.CreateDriver(files);
        driver = driver.RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Demo; public static class Unrelated { public static int Answer => 42; }", GeneratorHarness.ParseOptions, "/src/Unrelated.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

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

        Assert.Contains(SacredGenerator.Steps.Bound, result.TrackedSteps.Keys);
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
