using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sacred.Configuration;
using Sacred.Formatting;
using Sacred.Generated;
using Sacred.Running;

namespace Sacred.CommandLine;

/// <summary>Renders the usage text (<c>help</c>, <c>-h/--help</c>) and the help of one command (<c>help COMMAND</c>).</summary>
internal static class HelpPrinter
{
    public static string Render<TState>(string program, ExperimentDefinition<TState> definition)
        where TState : class
    {
        var text = new StringBuilder("Usage:\n")
            .Append($"  {program} [COMMAND] [with UPDATE...] [options]\n")
            .Append($"  {program} help [COMMAND]\n")
            .Append($"  {program} (-h | --help)\n");
        if (!string.IsNullOrWhiteSpace(definition.Description))
        {
            text.Append('\n').Append(definition.Description.Trim()).Append('\n');
        }

        text.Append("\nOptions:\n");
        AppendTable(text, CommandLineOptions.All.Select(o => (o.Usage, o.Description)));
        text.Append("\nArguments:\n");
        AppendTable(text,
        [
            ("COMMAND", "The command to run (default: the main function)."),
            ("UPDATE", "A config update: key=value, dotted.key=value, a named config or a .json file of values."),
        ]);

        var main = definition.Commands.FirstOrDefault(c => c.IsMain);
        var commands = definition.Commands.Concat(BuiltInCommands.For(main).Where(b => definition.Commands.All(c => c.Name != b.Name)));
        text.Append("\nCommands:\n");
        AppendTable(text, commands.Select(c => (c.Name, DocText.FirstLine(c.Doc) + (c.IsMain ? " (default)" : ""))), minWidth: 8);

        if (definition.NamedConfigs.Count > 0)
        {
            text.Append("\nNamed configs:\n");
            AppendTable(text, definition.NamedConfigs.Select(n => (n.Name, DocText.FirstLine(n.Doc))), minWidth: 8);
        }

        text.Append("\nConfig keys:\n");
        var typeWidth = definition.Keys.Count == 0 ? 0 : definition.Keys.Max(k => k.TypeName.Length);
        AppendTable(text, definition.Keys.Select(k => (k.Key, k.TypeName.PadRight(typeWidth) + "  " + KeyDoc(k))));
        return text.ToString();
    }

    public static string RenderCommand(CommandInfo command)
    {
        var text = new StringBuilder($"{command.Name}: {command.Signature}\n");
        if (!string.IsNullOrWhiteSpace(command.Doc))
        {
            text.Append('\n');
            foreach (var line in command.Doc.Trim().Split('\n'))
            {
                text.Append("    ").Append(line.Trim()).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string KeyDoc(ConfigKeyInfo key)
    {
        var parts = new List<string>();
        var doc = key.Doc is null ? (key.Key == "seed" ? ConfigPrinter.SeedDoc : null) : DocText.OneLine(key.Doc);
        if (!string.IsNullOrEmpty(doc))
        {
            parts.Add(doc);
        }

        if (key.AllowedValues is { Count: > 0 } allowed)
        {
            parts.Add($"One of: {string.Join(", ", allowed)}.");
        }

        if (key.IsDerived)
        {
            parts.Add("(derived, not settable)");
        }

        return string.Join(" ", parts);
    }

    private static void AppendTable(StringBuilder text, IEnumerable<(string Name, string Doc)> rows, int minWidth = 0)
    {
        var list = rows.ToList();
        var width = Math.Max(minWidth, list.Count == 0 ? 0 : list.Max(r => r.Name.Length));
        foreach (var (name, doc) in list)
        {
            text.Append(("  " + name.PadRight(width) + "  " + doc.Trim()).TrimEnd()).Append('\n');
        }
    }
}
