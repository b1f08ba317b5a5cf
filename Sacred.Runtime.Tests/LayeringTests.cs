using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Sacred.Generated;
using Xunit;

namespace Sacred.Runtime.Tests;

/// <summary>
/// The runtime's folders are its namespaces, and dependencies between them point one way: command line →
/// running → recording ← observers → storage, over the lower layers (configuration, host, capture, metrics,
/// logging, randomness, formatting). Read from the source files, so a <c>using</c> or a fully-qualified name
/// that points back fails here, naming the file and the reference.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>
    /// What each namespace may use besides itself, <c>System.*</c> and packages. <c>Sacred</c> (the user-facing
    /// facade) and <c>Sacred.Generated</c> (the contract generated code compiles against) may be used by anyone;
    /// <c>Sacred.Generated</c>'s entry point may use everything, as the composition root.
    /// </summary>
    private static readonly Dictionary<string, string[]> s_allowed = new(StringComparer.Ordinal)
    {
        ["Sacred"] = ["Configuration", "Logging", "Metrics", "Randomness", "Recording"],
        ["Sacred.CommandLine"] = ["Running", "Configuration", "Logging", "Formatting"],
        ["Sacred.Queue"] = ["CommandLine", "Storage", "Recording", "Configuration", "Logging", "Formatting"],
        ["Sacred.Running"] = ["Recording", "Configuration", "Capture", "Metrics", "Host", "Logging", "Randomness", "Formatting"],
        ["Sacred.Observers"] = ["Observers.FileStorage", "Storage", "Storage.Writing", "Storage.Reading", "Recording", "Configuration", "Host", "Metrics", "Logging"],
        ["Sacred.Observers.FileStorage"] = ["Recording", "Configuration", "Host", "Metrics"],
        ["Sacred.Storage.Writing"] = ["Storage", "Recording", "Configuration", "Host", "Metrics"],
        ["Sacred.Storage.Reading"] = ["Storage", "Recording", "Configuration", "Host"],
        ["Sacred.Storage.Curation"] = ["Storage", "Storage.Reading", "Recording", "Configuration"],
        ["Sacred.Storage"] = ["Recording", "Configuration", "Host", "Metrics"],
        ["Sacred.Recording"] = ["Configuration", "Host", "Metrics", "Logging"],
        ["Sacred.Configuration"] = ["Randomness", "Formatting"],
        ["Sacred.Host"] = ["Host.Git", "Formatting"],
        ["Sacred.Host.Git"] = [],
        ["Sacred.Capture"] = [],
        ["Sacred.Metrics"] = [],
        ["Sacred.Logging"] = [],
        ["Sacred.Randomness"] = [],
        ["Sacred.Formatting"] = [],
    };

    private static readonly string[] s_usableByAll = ["Sacred", "Sacred.Generated"];

    /// <summary>The types of <c>Sacred.Generated</c> that are the entry point, not the contract: only their own namespace names them.</summary>
    private static readonly string[] s_entryPoints = [nameof(ExperimentHost)];

    private static string RuntimeDirectory { get; } = FindRuntimeDirectory();

    [Fact]
    public void Every_file_s_namespace_is_its_folder()
    {
        var wrong = SourceFiles()
            .Where(f => f.Namespace != ExpectedNamespace(f.RelativePath))
            .Select(f => $"{f.RelativePath}: namespace {f.Namespace}, expected {ExpectedNamespace(f.RelativePath)}")
            .ToList();

        Assert.True(wrong.Count == 0, "Folder = namespace:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Every_namespace_has_its_place_in_the_layers()
    {
        var unplaced = SourceFiles()
            .Select(f => f.Namespace)
            .Distinct()
            .Where(ns => !s_allowed.ContainsKey(ns) && ns != "Sacred.Generated")
            .ToList();

        Assert.True(unplaced.Count == 0, "Add these namespaces to the layering rules: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void Dependencies_point_one_way()
    {
        var known = s_allowed.Keys.Append("Sacred.Generated").OrderByDescending(ns => ns.Length).ToList();
        var violations = new List<string>();
        foreach (var file in SourceFiles().Where(f => f.Namespace != "Sacred.Generated"))
        {
            var allowed = s_allowed[file.Namespace].Select(short_ => "Sacred." + short_).ToHashSet(StringComparer.Ordinal);
            foreach (var (line, reference) in References(file.Text))
            {
                var target = known.FirstOrDefault(ns => reference == ns || reference.StartsWith(ns + ".", StringComparison.Ordinal)) ?? "Sacred";
                if (target != file.Namespace && !s_usableByAll.Contains(target) && !allowed.Contains(target))
                {
                    violations.Add($"{file.RelativePath}:{line}: '{reference}' points from {file.Namespace} to {target}; " +
                        $"{file.Namespace} may use only {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
                }
            }
        }

        Assert.True(violations.Count == 0, "Dependencies that point back:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_rules_themselves_have_no_cycle()
    {
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string ns, string path)
        {
            Assert.False(visiting.Contains(ns), "The layering rules have a cycle: " + path);
            if (!done.Add(ns))
            {
                return;
            }

            visiting.Add(ns);
            foreach (var next in s_allowed[ns])
            {
                Visit("Sacred." + next, path + " -> Sacred." + next);
            }

            visiting.Remove(ns);
        }

        foreach (var ns in s_allowed.Keys)
        {
            Visit(ns, ns);
        }
    }

    [Fact]
    public void Only_the_entry_layer_names_the_entry_point()
    {
        var offenders = SourceFiles()
            .Where(f => f.Namespace != "Sacred.Generated")
            .SelectMany(f => s_entryPoints.Where(e => Regex.IsMatch(f.Text, $@"\b{e}\b")).Select(e => $"{f.RelativePath} names {e}"))
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void Every_public_type_of_the_generated_code_contract_is_hidden_from_intellisense()
    {
        var visible = typeof(ExperimentHost).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Sacred.Generated")
            .Where(t => t.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never)
            .Select(t => t.Name)
            .ToList();

        Assert.Empty(visible);
        Assert.Equal(5, GeneratedCodeContract.Version);
        Assert.Equal(EditorBrowsableState.Never, typeof(Run).GetProperty(nameof(Run.ConfigState))!.GetCustomAttribute<EditorBrowsableAttribute>()!.State);
    }

    [Fact]
    public void What_user_code_names_needs_only_using_Sacred()
    {
        Type[] userFacing =
        [
            typeof(Run), typeof(RunOptions), typeof(RunInfo), typeof(ConfigNode), typeof(ConfigNodeKind), typeof(CaptureMode),
            typeof(RunInterrupt), typeof(TimeoutInterrupt), typeof(TensorBoard), typeof(ExperimentAttribute), typeof(ConfigAttribute),
            typeof(ConfigFileAttribute), typeof(MainAttribute), typeof(CommandAttribute), typeof(CapturedAttribute),
            typeof(NamedConfigAttribute), typeof(NamedConfigFileAttribute), typeof(IngredientAttribute), typeof(KeyAttribute),
        ];

        Assert.All(userFacing, type => Assert.Equal("Sacred", type.Namespace));
    }

    private static string ExpectedNamespace(string relativePath)
    {
        var folder = Path.GetDirectoryName(relativePath) ?? "";
        return folder.Length == 0 ? "Sacred" : "Sacred." + folder.Replace(Path.DirectorySeparatorChar, '.');
    }

    /// <summary>Every <c>using</c> and every fully-qualified <c>Sacred.X</c> name (crefs included), by line.</summary>
    private static IEnumerable<(int Line, string Reference)> References(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("namespace ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in QualifiedName().Matches(lines[i]))
            {
                yield return (i + 1, match.Value);
            }
        }
    }

    private static IEnumerable<SourceFile> SourceFiles() =>
        Directory.EnumerateFiles(RuntimeDirectory, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RuntimeDirectory, path))
            .Where(relative => !relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(relative =>
            {
                var text = File.ReadAllText(Path.Combine(RuntimeDirectory, relative));
                return new SourceFile(relative, FileNamespace().Match(text).Groups[1].Value, text);
            });

    private static string FindRuntimeDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "Sacred.Runtime");
            if (File.Exists(Path.Combine(candidate, "Sacred.Runtime.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Sacred.Runtime/ not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bSacred(?:\.[A-Z]\w*)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    private sealed record SourceFile(string RelativePath, string Namespace, string Text);
}
