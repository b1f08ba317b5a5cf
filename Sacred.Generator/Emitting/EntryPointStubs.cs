using System.Collections.Immutable;
using System.Linq;
using Sacred.Generator.Model;

namespace Sacred.Generator.Emitting;

/// <summary>
/// The entry point of an experiment that has SACRED errors: <c>Run(args)</c> (and <c>Main</c> with
/// <c>AutoMain</c>) exist, so the errors a build reports are the SACRED diagnostics alone. Such a build fails on
/// those diagnostics, so this code never runs.
/// </summary>
internal static class EntryPointStubs
{
    /// <summary>The experiments that parsed but produced no code because their binding reported errors.</summary>
    public static EquatableArray<OwnerModel> Missing(ImmutableArray<Result<OwnerModel>> parsed, ImmutableArray<GenerationModel?> generated)
    {
        var done = generated.Where(model => model is not null).Select(model => model!.Owner.FullName).ToImmutableHashSet();
        return parsed
            .Select(result => result.Value)
            .Where(owner => owner is { Kind: OwnerKind.Experiment } && !done.Contains(owner.FullName))
            .Select(owner => owner!)
            .ToImmutableArray()
            .ToEquatableArray();
    }

    public static string Emit(OwnerModel owner)
    {
        var main = owner.AutoMain ? "\n    public static int Main(string[] args) => Run(args);" : string.Empty;
        return Code.File(owner.Namespace, $$"""
            partial class {{owner.ClassName}}
            {
                /// <summary>Not generated: this experiment has SACRED errors; see the build's error list.</summary>
                public static int Run(string[] args) => throw new global::System.InvalidOperationException("this experiment was built with SACRED errors");{{main}}
            }
            """);
    }
}
