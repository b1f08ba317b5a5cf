using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Sacred.Generator.Model;
using Sacred.Generator.Parsing.Json;

namespace Sacred.Generator.Parsing;

/// <summary>
/// Reads what the build handed over for a rebuild (Sacred.BuildInputs.targets): AdditionalFiles marked
/// <c>SacredBuildInput</c>, the project's own AdditionalFiles, and the build properties.
/// </summary>
internal static class BuildInputReader
{
    public const string RoleMetadata = "build_metadata.AdditionalFiles.SacredBuildInput";
    public const string FileRole = "file";
    public const string ReferenceRole = "reference";
    public const string AssetsRole = "assets";

    /// <summary>The role the build gave an additional file; empty for the project's own AdditionalFiles.</summary>
    public static string Role(AnalyzerConfigOptions options) =>
        options.TryGetValue(RoleMetadata, out var role) && role is not null ? role.Trim() : string.Empty;

    public static BuildInputModel ReadFile(AdditionalText file, string role, CancellationToken cancellationToken)
    {
        var path = Normalize(file.Path);
        var text = file.GetText(cancellationToken)?.ToString() ?? string.Empty;
        if (role == AssetsRole)
        {
            return new BuildInputModel(path, role, string.Empty, string.Empty, Packages(text).ToEquatableArray());
        }

        return new BuildInputModel(path, role, Md5(text), text, EquatableArray<DependencyModel>.Empty);
    }

    /// <summary>The build record, or null where the build said nothing (no repository root: not built by MSBuild).</summary>
    public static BuildModel? Read(IReadOnlyList<BuildInputModel> inputs, AnalyzerConfigOptions options)
    {
        var root = Property(options, "SacredRepositoryRoot");
        if (root.Length == 0)
        {
            return null;
        }

        root = Normalize(root);
        var files = new SortedDictionary<string, SourceFileModel>(StringComparer.Ordinal);
        var references = new SortedSet<string>(StringComparer.Ordinal);
        var packages = new SortedDictionary<string, DependencyModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var input in inputs)
        {
            if (input.Role == AssetsRole)
            {
                foreach (var package in input.Packages)
                {
                    packages[package.Name] = package;
                }

                continue;
            }

            var relative = UnderRoot(root, input.Path);
            if (input.Role == ReferenceRole)
            {
                // A project outside the repository is named by its full path: a rerun cannot rebuild it and says so.
                references.Add(relative ?? input.Path);
            }

            if (relative is not null && !IsBuildOutput(relative))
            {
                files[relative] = new SourceFileModel(relative, input.Md5, input.Text);
            }
        }

        var project = Property(options, "MSBuildProjectFullPath");
        var projectPath = project.Length == 0 ? string.Empty : UnderRoot(root, Normalize(project)) ?? Normalize(project);
        var framework = Property(options, "TargetFramework");
        var sdk = Property(options, "NETCoreSdkVersion");
        return new BuildModel(
            Hash(root, projectPath, framework, sdk, files.Values, packages.Values, references),
            root,
            projectPath,
            framework,
            sdk,
            files.Values.ToEquatableArray(),
            packages.Values.ToEquatableArray(),
            references.ToEquatableArray());
    }

    /// <summary>The build's name in a store: exactly the runtime's <c>ExperimentBuild.ComputeHash</c>.</summary>
    public static string Hash(
        string root,
        string project,
        string framework,
        string sdk,
        IEnumerable<SourceFileModel> files,
        IEnumerable<DependencyModel> packages,
        IEnumerable<string> references)
    {
        var text = new StringBuilder("sacred-build 1\n");
        text.Append("root\t").Append(root).Append('\n');
        text.Append("project\t").Append(project).Append('\n');
        text.Append("framework\t").Append(framework).Append('\n');
        text.Append("sdk\t").Append(sdk).Append('\n');
        foreach (var file in files)
        {
            text.Append("file\t").Append(file.Path).Append('\t').Append(file.Md5).Append('\n');
        }

        foreach (var package in packages)
        {
            text.Append("package\t").Append(package.Name).Append('\t').Append(package.Version).Append('\n');
        }

        foreach (var reference in references)
        {
            text.Append("reference\t").Append(reference).Append('\n');
        }

        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())).Select(b => b.ToString("x2")));
    }

    /// <summary>Every package restored for the project (<c>libraries</c> of type <c>package</c>), id and exact version.</summary>
    public static IEnumerable<DependencyModel> Packages(string assetsJson)
    {
        var root = JsonDocumentReader.Parse(assetsJson, allowComments: false).Root;
        var libraries = root?.Properties.FirstOrDefault(p => p.Name == "libraries")?.Value;
        if (libraries is null)
        {
            yield break;
        }

        foreach (var library in libraries.Properties)
        {
            var type = library.Value.Properties.FirstOrDefault(p => p.Name == "type")?.Value.StringValue;
            var slash = library.Name.IndexOf('/');
            if (type == "package" && slash > 0)
            {
                yield return new DependencyModel(library.Name.Substring(0, slash), library.Name.Substring(slash + 1));
            }
        }
    }

    private static string Md5(string text)
    {
        using var md5 = MD5.Create();
        return string.Concat(md5.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2")));
    }

    private static string? UnderRoot(string root, string path) =>
        path.StartsWith(root + "/", StringComparison.Ordinal) ? path.Substring(root.Length + 1) : null;

    /// <summary>Generated files (obj/, bin/) are rebuilt, not recorded.</summary>
    private static bool IsBuildOutput(string relative) =>
        relative.Split('/').Any(part => part is "obj" or "bin");

    private static string Property(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) && value is not null ? value.Trim() : string.Empty;

    private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');
}
