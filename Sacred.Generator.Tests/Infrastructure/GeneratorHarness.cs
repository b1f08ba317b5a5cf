using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Sacred.Generator.Tests.Infrastructure;

/// <summary>What one generator run produced.</summary>
internal sealed record HarnessResult(
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    IReadOnlyDictionary<string, string> Generated,
    CSharpCompilation Output,
    GeneratorDriver Driver,
    GeneratorDriverRunResult RunResult)
{
    /// <summary>Errors and warnings of the compilation including generated code.</summary>
    public IReadOnlyList<Diagnostic> OutputProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}

/// <summary>
/// Builds a compilation against offline reference assemblies plus Sacred.Runtime, runs the generator with step
/// tracking, and returns diagnostics, generated sources and the output compilation.
/// </summary>
internal static class GeneratorHarness
{
    public const string SourcePath = "/src/Experiment.cs";
    public const string ProjectDirectory = "/src/";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);

    private static readonly ImmutableArray<MetadataReference> Framework =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray();

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        Framework
            .Append(MetadataReference.CreateFromFile(typeof(Sacred.Run).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location))
            .ToImmutableArray());

    public static HarnessResult Run(string source, params (string Path, string Text)[] additionalFiles) =>
        Run(new[] { (SourcePath, source) }, additionalFiles, OutputKind.DynamicallyLinkedLibrary);

    public static HarnessResult Run((string Path, string Text)[] sources, (string Path, string Text)[] additionalFiles, OutputKind kind, params MetadataReference[] libraries)
    {
        var compilation = CreateCompilation(sources, kind, libraries);
        var driver = CreateDriver(additionalFiles);
        return RunDriver(driver, compilation);
    }

    /// <summary>Runs the generator on a compilation that references <paramref name="runtime"/> instead of the real Sacred.Runtime.</summary>
    public static HarnessResult RunAgainstRuntime(byte[] runtime, string source, params (string Path, string Text)[] additionalFiles)
    {
        var compilation = CSharpCompilation.Create(
            "TestExperiment",
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, SourcePath) },
            Framework.Add(MetadataReference.CreateFromImage(runtime)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
        return RunDriver(CreateDriver(additionalFiles), compilation);
    }

    public static CSharpCompilation CreateCompilation((string Path, string Text)[] sources, OutputKind kind = OutputKind.DynamicallyLinkedLibrary, params MetadataReference[] libraries) =>
        CSharpCompilation.Create(
            "TestExperiment",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References.Value.AddRange(libraries),
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));

    /// <summary>
    /// Compiles a stand-in for a referenced library (e.g. an assembly named TorchSharp, or an older Sacred.Runtime
    /// when <paramref name="withRuntime"/> is false) to an image.
    /// </summary>
    public static byte[] CompileLibrary(string assemblyName, string source, bool withRuntime = true)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, ParseOptions, "/lib/" + assemblyName + ".cs") },
            withRuntime ? References.Value : Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException("library failed to compile:\n" + string.Join("\n", emit.Diagnostics));
        }

        return stream.ToArray();
    }

    public static GeneratorDriver CreateDriver(params (string Path, string Text)[] additionalFiles) =>
        CreateDriver(additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray());

    public static GeneratorDriver CreateDriver(params AdditionalText[] additionalFiles) =>
        CreateDriver(IncrementalGeneratorOutputKind.None, additionalFiles);

    /// <summary>A driver that skips <paramref name="disabledOutputs"/>; the IDE runs with implementation outputs disabled.</summary>
    public static GeneratorDriver CreateDriver(IncrementalGeneratorOutputKind disabledOutputs, params (string Path, string Text)[] additionalFiles) =>
        CreateDriver(disabledOutputs, additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray());

    private static GeneratorDriver CreateDriver(IncrementalGeneratorOutputKind disabledOutputs, AdditionalText[] additionalFiles) =>
        CSharpGeneratorDriver.Create(
            new[] { new SacredGenerator().AsSourceGenerator() },
            additionalFiles,
            ParseOptions,
            new TestOptionsProvider(new Dictionary<string, string> { ["build_property.ProjectDir"] = ProjectDirectory }),
            new GeneratorDriverOptions(disabledOutputs, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator as an MSBuild build does with Sacred.BuildInputs.targets: the build properties and the
    /// additional files with their SacredBuildInput role (empty for the project's own AdditionalFiles).
    /// </summary>
    public static HarnessResult RunWithBuild(string source, Dictionary<string, string> buildProperties, params (string Path, string Text, string Role)[] additionalFiles)
    {
        var global = new Dictionary<string, string> { ["build_property.ProjectDir"] = ProjectDirectory };
        foreach (var (name, value) in buildProperties)
        {
            global["build_property." + name] = value;
        }

        var files = additionalFiles
            .Where(f => f.Role.Length > 0)
            .ToDictionary(f => f.Path, f => new Dictionary<string, string> { ["build_metadata.AdditionalFiles.SacredBuildInput"] = f.Role });
        var driver = CSharpGeneratorDriver.Create(
            new[] { new SacredGenerator().AsSourceGenerator() },
            additionalFiles.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)),
            ParseOptions,
            new TestOptionsProvider(global, files),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return RunDriver(driver, CreateCompilation(new[] { (SourcePath, source) }));
    }

    public static HarnessResult RunDriver(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var runResult = driver.GetRunResult();
        var generated = runResult.Results
            .SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new HarnessResult(diagnostics, generated, (CSharpCompilation)output, driver, runResult);
    }

    /// <summary>
    /// Emits the output compilation and loads it, failing with the compiler's errors if it does not build. Library
    /// images it references are loaded beside it, in a load context of its own.
    /// </summary>
    public static Assembly Load(HarnessResult result, params byte[][] libraries)
    {
        using var stream = new MemoryStream();
        var emit = result.Output.Emit(stream);
        if (!emit.Success)
        {
            throw new InvalidOperationException("compilation failed:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        if (libraries.Length == 0)
        {
            return Assembly.Load(stream.ToArray());
        }

        var context = new AssemblyLoadContext("experiment-with-libraries");
        foreach (var library in libraries)
        {
            context.LoadFromStream(new MemoryStream(library));
        }

        stream.Position = 0;
        return context.LoadFromStream(stream);
    }
}
