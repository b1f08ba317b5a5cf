using System;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Sacred.Generator.Parsing;

/// <summary>
/// Reads the <c>&lt;summary&gt;</c> of a declaration's XML doc comment from its leading trivia, so it works whether
/// or not the project parses documentation (GenerateDocumentationFile).
/// </summary>
internal static class DocComments
{
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.Compiled);

    public static string? GetSummary(ISymbol symbol)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            var summary = GetSummary(reference.GetSyntax());
            if (summary is not null)
            {
                return summary;
            }
        }

        return null;
    }

    public static string? GetSummary(SyntaxNode node)
    {
        var lines = node.GetLeadingTrivia()
            .Select(t => t.ToFullString())
            .SelectMany(t => t.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("///", StringComparison.Ordinal))
            .Select(l => l.Substring(3))
            .ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        try
        {
            var root = XElement.Parse("<doc>" + string.Join("\n", lines) + "</doc>", LoadOptions.None);
            var summary = root.Element("summary");
            if (summary is null)
            {
                return null;
            }

            var text = new StringBuilder();
            foreach (var part in summary.Nodes())
            {
                text.Append(part switch
                {
                    XText t => t.Value,
                    XElement e when e.Attribute("cref") is { } cref => ShortCref(cref.Value),
                    XElement e when e.Attribute("langword") is { } word => word.Value,
                    XElement e when e.Attribute("name") is { } name => name.Value,
                    XElement e => e.Value,
                    _ => string.Empty,
                });
            }

            var result = Whitespace.Replace(text.ToString(), " ").Trim();
            return result.Length == 0 ? null : result;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string ShortCref(string cref)
    {
        var name = cref.Contains(":") ? cref.Substring(cref.IndexOf(':') + 1) : cref;
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name.Substring(dot + 1);
    }
}
