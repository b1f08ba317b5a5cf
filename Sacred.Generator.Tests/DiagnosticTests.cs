using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Sacred.Generator.Diagnostics;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

public sealed class DiagnosticTests
{
    public static TheoryData<DiagnosticCase> Cases()
    {
        var data = new TheoryData<DiagnosticCase>();
        foreach (var item in DiagnosticCases.All())
        {
            data.Add(item);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Failing_source_reports_the_diagnostic_at_the_narrowest_span(DiagnosticCase item)
    {
        var result = item.RuntimeStub is null
            ? GeneratorHarness.Run(item.Source, item.Files.ToArray())
            : GeneratorHarness.RunAgainstRuntime(GeneratorHarness.CompileLibrary("Sacred.Runtime", item.RuntimeStub, withRuntime: false), item.Source, item.Files.ToArray());

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(item.Id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(item.Message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(item.SpanText, SpanText(diagnostic, item));
        Assert.EndsWith("docs/diagnostics/" + item.Id + ".md", diagnostic.Descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixed_twin_compiles_clean(DiagnosticCase item)
    {
        var result = GeneratorHarness.Run(item.FixedSource, item.FixedFiles.ToArray());

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Assert.NotEmpty(result.Generated);
    }

    [Theory]
    [InlineData("SACRED002")]
    [InlineData("SACRED003")]
    [InlineData("SACRED004")]
    public void A_config_file_error_is_the_only_error_even_where_code_calls_the_entry_point(string id)
    {
        var item = DiagnosticCases.All().First(c => c.Id == id);
        var program = "public static class Program { public static int Main(string[] args) => Demo.Exp.Run(args); }";

        var result = GeneratorHarness.Run([(GeneratorHarness.SourcePath, item.Source), ("/src/Program.cs", program)], item.Files.ToArray(), OutputKind.ConsoleApplication);

        Assert.Equal(id, Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Empty(result.OutputProblems);
    }

    [Fact]
    public void Every_descriptor_has_a_release_entry_a_docs_page_and_a_test()
    {
        var root = RepositoryRoot();
        var releases = File.ReadAllText(Path.Combine(root, "Sacred.Generator", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(root, "Sacred.Generator", "AnalyzerReleases.Shipped.md"));
        var tested = DiagnosticCases.All().Select(c => c.Id).ToHashSet();
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Matches(new Regex("^" + descriptor.Id + @" \| Sacred \| Error \|", RegexOptions.Multiline), releases);
            var page = Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), "missing docs page " + page);
            var text = File.ReadAllText(page);
            Assert.Contains("```csharp", text);
            Assert.Contains(descriptor.Id, tested);
        }

        Assert.Equal(DiagnosticDescriptors.All.Count, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Diagnostics_are_created_from_descriptors_never_from_id_strings()
    {
        var generator = Path.Combine(RepositoryRoot(), "Sacred.Generator");
        var descriptors = Path.Combine(generator, "Diagnostics", "DiagnosticDescriptors.cs");
        var offenders = Directory.EnumerateFiles(generator, "*.cs", SearchOption.AllDirectories)
            .Where(file => file != descriptors && !file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, System.StringComparison.Ordinal))
            .Where(file => Regex.IsMatch(File.ReadAllText(file), "\"SACRED\\d{3}\""))
            .ToList();

        Assert.Empty(offenders);
    }

    private static string SpanText(Diagnostic diagnostic, DiagnosticCase item)
    {
        var span = diagnostic.Location.SourceSpan;
        var path = diagnostic.Location.GetLineSpan().Path;
        var text = path == GeneratorHarness.SourcePath
            ? item.Source
            : item.Files.Single(f => f.Path == path).Text;
        return text.Substring(span.Start, span.Length);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(System.AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sacred.slnx")) && !File.Exists(Path.Combine(directory.FullName, "Sacred.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
    }
}
