using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>
/// Every <c>```csharp</c> block in README.md compiles, with the generator, against the runtime, with
/// <c>using Sacred;</c> and a project's implicit usings only. Conventions for fragments (documented in README's
/// "README code" note):
/// <list type="bullet">
/// <item><c>{ ... }</c> stands for code left out: after <c>class</c>/<c>record</c> or <c>with</c> it is an empty
/// body, elsewhere a method body (<c>throw null!</c>).</item>
/// <item>A block of statements is compiled as the body of a method; an HTML comment
/// <c>&lt;!-- compile: (Run run, double loss) --&gt;</c> right before the block gives that method's parameters.</item>
/// <item>For a block of declarations, such a comment holds the declarations the block refers to but does not show.</item>
/// <item>Files named by <c>[ConfigFile("...")]</c> are given as <c>{}</c>.</item>
/// </list>
/// A failure names the block's line in README.md.
/// </summary>
public sealed partial class ReadmeCodeTests
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static TheoryData<int> BlockLines() => new(Blocks().Select(b => b.Line));

    [Theory]
    [MemberData(nameof(BlockLines))]
    public void Readme_csharp_block_compiles(int line)
    {
        var block = Blocks().Single(b => b.Line == line);
        var source = Expand(block);
        var configFiles = ConfigFileName().Matches(source).Select(m => (Path: "/src/" + m.Groups[1].Value, Text: "{}")).Distinct().ToArray();

        var result = GeneratorHarness.Run([(GeneratorHarness.SourcePath, source), ("/src/Usings.cs", ImplicitUsings)], configFiles, OutputKind.DynamicallyLinkedLibrary);

        var problems = result.GeneratorDiagnostics.Concat(result.OutputProblems)
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, $"README.md line {line}: the csharp block does not compile:\n{string.Join("\n", problems)}\n--- compiled as:\n{source}");
    }

    private static string Expand((int Line, string Code, string? Context) block)
    {
        var code = ElidedTypeBody().Replace(block.Code, "$1{ }");
        code = code.Replace("{ ... }", "{ throw null!; }", StringComparison.Ordinal);
        if (!code.Contains("using Sacred;", StringComparison.Ordinal))
        {
            code = "using Sacred;\n" + code;
        }

        var root = CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions).GetCompilationUnitRoot();
        if (root.Members.Any(m => m is GlobalStatementSyntax))
        {
            var usings = string.Concat(root.Usings.Select(u => u.ToFullString()));
            var statements = string.Concat(root.Members.Select(m => m.ToFullString()));
            return $"{usings}\npublic static class ReadmeSnippet\n{{\n    public static void Body{block.Context ?? "()"}\n    {{\n{statements}\n    }}\n}}\n";
        }

        return code + "\n" + block.Context;
    }

    private static List<(int Line, string Code, string? Context)> Blocks()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var blocks = new List<(int, string, string?)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var context = i > 0 && CompileComment().Match(lines[i - 1]) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            blocks.Add((i + 1, string.Join("\n", lines[(i + 1)..end]), context));
            i = end;
        }

        return blocks;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sacred.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
    }

    [GeneratedRegex(@"((?:class|record)\s+\w+\s*|with\s*)\{ \.\.\. \}")]
    private static partial Regex ElidedTypeBody();

    [GeneratedRegex(@"^<!-- compile: (.*) -->$")]
    private static partial Regex CompileComment();

    [GeneratedRegex(@"\[ConfigFile\(""([^""]+)""\)\]")]
    private static partial Regex ConfigFileName();
}
