using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sacred.Formatting;
using Sacred.Generated;

namespace Sacred.Configuration;

/// <summary>
/// Renders <c>print_config</c> as Sacred does: leaves first, then sub-objects, each sorted by key, indented
/// 2 + 2·depth; docs as <c># doc</c> after the entry padded to 35 columns. Changed entries are coloured
/// (typechanged red &gt; added green &gt; modified blue) or, without colour, marked with a trailing word.
/// </summary>
internal static class ConfigPrinter
{
    public const string SeedDoc = "the random seed for this experiment";

    private const int DocColumn = 35;

    public static string Render(ConfigNode config, ConfigChanges changes, IReadOnlyList<ConfigKeyInfo> keys, bool color)
    {
        var docs = Docs(keys);
        var text = new StringBuilder();
        text.Append("Configuration (")
            .Append(Ansi.Paint("modified", Ansi.Blue, color)).Append(", ")
            .Append(Ansi.Paint("added", Ansi.Green, color)).Append(", ")
            .Append(Ansi.Paint("typechanged", Ansi.Red, color)).Append(", ")
            .Append(Ansi.Paint("doc", Ansi.Dim, color)).Append("):\n");
        AppendEntries(text, config, "", 0, changes, docs, color);
        return text.ToString();
    }

    private static Dictionary<string, string> Docs(IReadOnlyList<ConfigKeyInfo> keys)
    {
        var docs = new Dictionary<string, string>(StringComparer.Ordinal) { ["seed"] = SeedDoc };
        foreach (var key in keys)
        {
            var doc = key.Doc is null ? null : DocText.OneLine(key.Doc);
            if (key.IsDerived)
            {
                doc = string.IsNullOrEmpty(doc) ? "(derived)" : doc + " (derived)";
            }

            if (!string.IsNullOrEmpty(doc))
            {
                docs[key.Key] = doc;
            }
        }

        return docs;
    }

    private static void AppendEntries(
        StringBuilder text, ConfigNode node, string prefix, int depth, ConfigChanges changes, Dictionary<string, string> docs, bool color)
    {
        var indent = new string(' ', 2 + (2 * depth));
        var members = node.Members;
        foreach (var (key, value) in members.Where(m => !IsGroup(m.Value)))
        {
            AppendLine(text, $"{indent}{key} = {value.ToLiteral()}", prefix + key, changes, docs, color);
        }

        foreach (var (key, value) in members.Where(m => IsGroup(m.Value)))
        {
            AppendLine(text, $"{indent}{key}:", prefix + key, changes, docs, color);
            AppendEntries(text, value, prefix + key + ".", depth + 1, changes, docs, color);
        }
    }

    private static void AppendLine(StringBuilder text, string entry, string path, ConfigChanges changes, Dictionary<string, string> docs, bool color)
    {
        var (mark, code) = changes.TypeChanged.Contains(path) ? ("typechanged", Ansi.Red)
            : changes.Added.Contains(path) ? ("added", Ansi.Green)
            : changes.Modified.Contains(path) ? ("modified", Ansi.Blue)
            : (null, null);
        var line = entry;
        if (docs.TryGetValue(path, out var doc))
        {
            var comment = Ansi.Paint("# " + doc, Ansi.Dim, color);
            line = entry.Length <= DocColumn ? entry.PadRight(DocColumn) + "  " + comment : entry + "    " + comment;
        }

        if (code is null)
        {
            text.Append(line);
        }
        else if (color)
        {
            text.Append(code).Append(line).Append(Ansi.Reset);
        }
        else
        {
            text.Append(line).Append("  [").Append(mark).Append(']');
        }

        text.Append('\n');
    }

    private static bool IsGroup(ConfigNode node) => node.Kind == ConfigNodeKind.Object && node.Members.Count > 0;
}
