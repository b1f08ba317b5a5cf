using System.Linq;
using Sacred.Generator.Model;
using Sacred.Generator.Parsing;
using static Sacred.Generator.Emitting.RuntimeNames;

namespace Sacred.Generator.Emitting;

/// <summary>Emits an experiment's compile-time record of its sources, dependencies and (from MSBuild) its build.</summary>
internal static class SourcesEmitter
{
    public static string Emit(ExperimentTarget target, SourcesModel sources, BuildModel? build) => Code.File(target.Namespace, Code.Of($$"""
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
                }{{(build is null ? string.Empty : $",\n{CSharp.Literal(build.Hash)},\nstatic () => __SacredBuild.Value")}});

            static partial void __SacredReadSources(ref {{ExperimentSources}}? sources) => sources = __SacredSources;
        {{(build is null ? string.Empty : BuildHolder(build))}}
        }
        """));

    public static string HintName(ExperimentTarget target) =>
        (target.Namespace.Length == 0 ? string.Empty : target.Namespace + ".") + target.ClassName + ".Sources.g.cs";

    // A class of its own, so its hundreds of files are made on first use (a run that must store its build, or
    // print_dependencies), never by a start that only looks the build up by its hash.
    private static string BuildHolder(BuildModel build) => Code.Of($$"""

            private static class __SacredBuild
            {
                public static readonly {{ExperimentBuild}} Value = {{Build(build)}};
            }
        """);

    private static string Build(BuildModel build) => Code.Of($$"""
        new {{ExperimentBuild}}(
            {{CSharp.Literal(build.RepositoryRoot)}},
            {{CSharp.Literal(build.ProjectPath)}},
            {{CSharp.Literal(build.TargetFramework)}},
            {{CSharp.Literal(build.SdkVersion)}},
            new {{SourceFileInfo}}[]
            {
                {{Code.Lines(build.Files.Select(f => $"new({CSharp.Literal(f.Path)}, {CSharp.Literal(f.Md5)}, {Utf8Text(f.Text)}),"))}}
            },
            new {{DependencyInfo}}[]
            {
                {{Code.Lines(build.Packages.Select(d => $"new({CSharp.Literal(d.Name)}, {CSharp.Literal(d.Version)}),"))}}
            },
            new string[]
            {
                {{Code.Lines(build.ProjectReferences.Select(r => CSharp.Literal(r) + ","))}}
            })
        {
            Configuration = {{CSharp.Literal(build.Configuration)}},
        }
        """);

    /// <summary>
    /// A build file's text as a UTF-8 literal decoded when the build record is made. A string literal would be a
    /// frozen string in a Native AOT binary, whose object header the loader relocates at start: ~285 build files put
    /// a page fault per page on every start (~520, ~4 ms), where UTF-8 literals are plain read-only data, paged in
    /// only when a build is stored or printed. Text a UTF-8 literal cannot hold (a lone surrogate) stays a string.
    /// </summary>
    private static string Utf8Text(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i]) && !(char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
            {
                return CSharp.Literal(text);
            }
        }

        return $"global::System.Text.Encoding.UTF8.GetString({CSharp.Literal(text)}u8)";
    }
}
