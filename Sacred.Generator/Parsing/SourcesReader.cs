using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Sacred.Generator.Model;

namespace Sacred.Generator.Parsing;

/// <summary>Reads the compiled sources (path and MD5) and the package/project references of a compilation.</summary>
internal static class SourcesReader
{
    public static SourcesModel Read(Compilation compilation, string? projectDirectory, CancellationToken cancellationToken)
    {
        var trees = compilation.SyntaxTrees.Where(t => !string.IsNullOrEmpty(t.FilePath) && !IsGenerated(t.FilePath)).ToList();
        var directory = Normalize(projectDirectory ?? CommonDirectory(trees.Select(t => t.FilePath)));
        var files = new List<SourceFileModel>();
        using (var md5 = MD5.Create())
        {
            foreach (var tree in trees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = tree.GetText(cancellationToken).ToString();
                var hash = string.Concat(md5.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2")));
                files.Add(new SourceFileModel(Relative(directory, tree.FilePath), hash, text));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new SourcesModel(directory, files.ToEquatableArray(), Dependencies(compilation).ToEquatableArray());
    }

    public static string Relative(string directory, string path)
    {
        var normalized = Normalize(path);
        var prefix = directory.EndsWith("/", StringComparison.Ordinal) ? directory : directory + "/";
        return normalized.StartsWith(prefix, StringComparison.Ordinal) ? normalized.Substring(prefix.Length) : normalized;
    }

    private static IEnumerable<DependencyModel> Dependencies(Compilation compilation)
    {
        var seen = new Dictionary<string, DependencyModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in compilation.References.OfType<PortableExecutableReference>())
        {
            var path = reference.FilePath is null ? null : Normalize(reference.FilePath);
            // Framework reference assemblies live under the SDK's packs/ folder (or, in memory, have no folder at all).
            if (path is null || path.Contains("/packs/") || !path.Contains("/"))
            {
                continue;
            }

            var dependency = Package(path) ?? Project(compilation, reference);
            if (dependency is not null && !seen.ContainsKey(dependency.Name))
            {
                seen[dependency.Name] = dependency;
            }
        }

        return seen.Values.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A NuGet package from its folder: <c>.../packages/&lt;id&gt;/&lt;version&gt;/lib/...</c>.</summary>
    private static DependencyModel? Package(string path)
    {
        var parts = path.Split('/');
        for (var i = parts.Length - 2; i >= 2; i--)
        {
            if (parts[i] is "lib" or "ref" or "runtimes" && parts[i - 3] is "packages")
            {
                // The folder name is the lower-cased package id; the assembly usually carries its real casing.
                var id = parts[i - 2];
                var file = parts[parts.Length - 1];
                var stem = file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? file.Substring(0, file.Length - 4) : file;
                return new DependencyModel(string.Equals(stem, id, StringComparison.OrdinalIgnoreCase) ? stem : id, parts[i - 1]);
            }
        }

        return null;
    }

    private static DependencyModel? Project(Compilation compilation, MetadataReference reference) =>
        compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly
            ? new DependencyModel(assembly.Identity.Name, assembly.Identity.Version.ToString())
            : null;

    private static bool IsGenerated(string path)
    {
        var normalized = Normalize(path);
        return normalized.Contains("/obj/") || normalized.EndsWith(".g.cs", StringComparison.Ordinal);
    }

    private static string CommonDirectory(IEnumerable<string> paths)
    {
        string? common = null;
        foreach (var path in paths.Select(Normalize))
        {
            var directory = path.Substring(0, Math.Max(0, path.LastIndexOf('/')));
            if (common is null)
            {
                common = directory;
                continue;
            }

            while (common.Length > 0 && !(directory + "/").StartsWith(common + "/", StringComparison.Ordinal))
            {
                common = common.Substring(0, Math.Max(0, common.LastIndexOf('/')));
            }
        }

        return common ?? string.Empty;
    }

    private static string Normalize(string path) => path.Replace('\\', '/').TrimEnd('/');
}
