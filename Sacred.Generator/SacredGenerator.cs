using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sacred.Generator.Binding;
using Sacred.Generator.Diagnostics;
using Sacred.Generator.Emitting;
using Sacred.Generator.Model;
using Sacred.Generator.Parsing;

namespace Sacred.Generator;

/// <summary>
/// Generates the typed config handling, command line and parameter injection of <c>[Experiment]</c> and
/// <c>[Ingredient]</c> classes, and reports config and injection errors at compile time.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SacredGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incrementality tests.</summary>
    public static class Steps
    {
        public const string Experiments = nameof(Experiments);
        public const string Ingredients = nameof(Ingredients);
        public const string JsonFiles = nameof(JsonFiles);
        public const string Bound = nameof(Bound);
        public const string Code = nameof(Code);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Targets = nameof(Targets);
        public const string Sources = nameof(Sources);
        public const string Build = nameof(Build);
        public const string EntryPointStubs = nameof(EntryPointStubs);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var experiments = context.SyntaxProvider.ForAttributeWithMetadataName(
                KnownTypes.Experiment,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => OwnerParser.Parse(ctx, OwnerKind.Experiment, ct))
            .WithTrackingName(Steps.Experiments);
        var ingredients = context.SyntaxProvider.ForAttributeWithMetadataName(
                KnownTypes.Ingredient,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => OwnerParser.Parse(ctx, OwnerKind.Ingredient, ct))
            .WithTrackingName(Steps.Ingredients);

        // Files the build hands over for a rerun (global.json, project.assets.json, ...) are not config files.
        var jsonFiles = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".json", System.StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => BuildInputReader.Role(pair.Right.GetOptions(pair.Left)).Length == 0)
            .Select(static (pair, ct) => ConfigFileReader.Read(pair.Left, ct))
            .Collect()
            .Select(static (files, _) => files.ToEquatableArray())
            .WithTrackingName(Steps.JsonFiles);

        var boundExperiments = Register(context, experiments.Combine(jsonFiles));
        Register(context, ingredients.Combine(jsonFiles));

        // An experiment whose binding failed has its diagnostics and no code; its entry point is still emitted, so
        // the build reports the SACRED error alone and not also "'Experiment' does not contain 'Run'" in Program.cs.
        var failed = experiments.Collect().Combine(boundExperiments.Collect())
            .Select(static (pair, _) => EntryPointStubs.Missing(pair.Left, pair.Right))
            .WithTrackingName(Steps.EntryPointStubs);
        context.RegisterSourceOutput(failed, static (spc, owners) =>
        {
            foreach (var owner in owners)
            {
                spc.AddSource(HintName(owner), EntryPointStubs.Emit(owner));
            }
        });

        // Reading and hashing every source file on every edit is what the IDE must not do: the embedded sources
        // are implementation-only output, made for builds, and the code above compiles without them.
        var projectDirectory = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property.ProjectDir", out var directory) && !string.IsNullOrEmpty(directory) ? directory : null);
        var sources = context.CompilationProvider.Combine(projectDirectory)
            .Select(static (pair, ct) => SourcesReader.Read(pair.Left, pair.Right, ct))
            .WithTrackingName(Steps.Sources);
        // Only an experiment whose code was generated gets its sources: the implementation below completes a partial
        // method declared there, and an experiment with errors has only its diagnostics, not a cascade of C# errors.
        var targets = boundExperiments
            .Select(static (model, _) => new ExperimentTarget(model!.Owner.Namespace, model.Owner.ClassName, model.Owner.FilePath))
            .WithTrackingName(Steps.Targets);
        // What a rerun needs to rebuild the experiment, from the build (Sacred.BuildInputs.targets): as the sources,
        // read and hashed for builds only.
        var build = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => BuildInputReader.ReadFile(pair.Left, BuildInputReader.Role(pair.Right.GetOptions(pair.Left)), ct))
            .Collect()
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => BuildInputReader.Read(pair.Left, pair.Right.GlobalOptions))
            .WithTrackingName(Steps.Build);
        context.RegisterImplementationSourceOutput(targets.Combine(sources).Combine(build), static (spc, pair) =>
            spc.AddSource(SourcesEmitter.HintName(pair.Left.Left!), SourcesEmitter.Emit(pair.Left.Left!, pair.Left.Right, pair.Right)));
    }

    private static IncrementalValuesProvider<GenerationModel?> Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<(Result<OwnerModel> Left, EquatableArray<JsonFileModel> Right)> owners)
    {
        var bound = owners
            .Select(static (pair, _) => ConfigBinder.Bind(pair.Left, pair.Right))
            .WithTrackingName(Steps.Bound);
        var code = bound
            .Select(static (result, _) => result.Value)
            .Where(static model => model is not null)
            .WithTrackingName(Steps.Code);
        var diagnostics = bound
            .Select(static (result, _) => result.Diagnostics)
            .Where(static list => list.Count > 0)
            .WithTrackingName(Steps.Diagnostics);

        context.RegisterSourceOutput(code, static (spc, model) =>
            spc.AddSource(HintName(model!.Owner), OwnerEmitter.Emit(model!)));
        // Sites found by the binding stage become locations only here, in the compilation being reported on, so
        // the models never hold positions. Valid owners have no diagnostics and never reach this combination.
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (var info in pair.Left)
            {
                spc.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.Get(info.DescriptorId),
                    info.Site is { } site ? SourceSites.Resolve(pair.Right, site) : Locations.ToLocation(info.Location),
                    info.Arguments.Cast<object>().ToArray()));
            }
        });
        return code;
    }

    private static string HintName(OwnerModel owner) =>
        (owner.Namespace.Length == 0 ? string.Empty : owner.Namespace + ".") + owner.ClassName + ".Sacred.g.cs";
}
