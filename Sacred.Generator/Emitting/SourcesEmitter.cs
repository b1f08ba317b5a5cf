using System.Linq;
using Sacred.Generator.Model;
using Sacred.Generator.Parsing;
using static Sacred.Generator.Emitting.RuntimeNames;

namespace Sacred.Generator.Emitting;

/// <summary>Emits an experiment's compile-time record of its sources and dependencies.</summary>
internal static class SourcesEmitter
{
    public static string Emit(ExperimentTarget target, SourcesModel sources) => Code.File(target.Namespace, Code.Of($$"""
        partial class {{target.ClassName}}
        {
            private static readonly {{ExperimentSources}} __SacredSources = new(
                {{CSharp.Literal(sources.ProjectDirectory)}},
                {{CSharp.Literal(SourcesReader.Relative(sources.ProjectDirectory, target.FilePath))}},
                new {{SourceFileInfo}}[]
                {
                    {{Code.Lines(sources.Files.Select(f => $"new({CSharp.Literal(f.Path)}, {CSharp.Literal(f.Md5)}, {CSharp.Literal(f.Text)}),"))}}
                },
                new {{DependencyInfo}}[]
                {
                    {{Code.Lines(sources.Dependencies.Select(d => $"new({CSharp.Literal(d.Name)}, {CSharp.Literal(d.Version)}),"))}}
                });

            static partial void __SacredReadSources(ref {{ExperimentSources}}? sources) => sources = __SacredSources;
        }
        """));

    public static string HintName(ExperimentTarget target) =>
        (target.Namespace.Length == 0 ? string.Empty : target.Namespace + ".") + target.ClassName + ".Sources.g.cs";
}
