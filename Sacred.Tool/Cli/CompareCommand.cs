using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Sacred.Storage.Reading;
using Sacred.Tool.Output;
using Spectre.Console;

namespace Sacred.Tool.Cli;

/// <summary><c>sacred compare ID ID...</c>: the config keys whose values differ, and every metric's summaries, side by side.</summary>
internal static class CompareCommand
{
    public static int Run(ToolArguments options, IAnsiConsole console, TextWriter stdout)
    {
        using var store = RunStore.Open(options.Store);
        var runs = options.Positionals.Select(id => RunLookup.Get(store, id)).ToList();
        var flat = runs.Select(r => Flatten(r.Config)).ToList();
        var differing = flat.SelectMany(f => f.Keys).Distinct().Order(System.StringComparer.Ordinal)
            .Where(key => flat.Select(f => f.TryGetValue(key, out var v) ? v.ToLiteral() : "(absent)").Distinct().Count() > 1)
            .ToList();
        var metricNames = runs.SelectMany(r => r.Metrics.Select(m => m.Name)).Distinct().Order(System.StringComparer.Ordinal).ToList();
        if (options.Json)
        {
            var differences = new SortedDictionary<string, IReadOnlyList<ConfigNode?>>(System.StringComparer.Ordinal);
            foreach (var key in differing)
            {
                differences[key] = [.. flat.Select(f => f.TryGetValue(key, out var value) ? value : null)];
            }

            var document = new CompareJson(
                [.. runs.Select(r => RunSummaryJson.From(r.Summary))],
                differences,
                [.. runs.Select(r => new CompareJson.RunMetricsJson(MetricSummaryJson.ByName(r.Metrics)))]);
            ToolJsonContext.Write(stdout, document, ToolJsonContext.Default.CompareJson);
            return 0;
        }

        var config = new Table().Border(TableBorder.Simple).AddColumn("config key");
        foreach (var run in runs)
        {
            config.AddColumn(Markup.Escape($"run {run.Summary.CustomId ?? run.Summary.Id.ToString(CultureInfo.InvariantCulture)}"));
        }

        foreach (var key in differing)
        {
            config.AddRow([Markup.Escape(key), .. flat.Select(f => Markup.Escape(f.TryGetValue(key, out var v) ? v.ToLiteral() : "(absent)"))]);
        }

        console.Write(config);
        console.WriteLine(differing.Count == 0 ? "configs are identical" : $"{differing.Count} config keys differ");
        var metrics = new Table().Border(TableBorder.Simple).AddColumn("metric");
        foreach (var run in runs)
        {
            metrics.AddColumn(Markup.Escape($"run {run.Summary.CustomId ?? run.Summary.Id.ToString(CultureInfo.InvariantCulture)} last / min / max"));
        }

        foreach (var name in metricNames)
        {
            metrics.AddRow([Markup.Escape(name), .. runs.Select(r => r.Metrics.FirstOrDefault(m => m.Name == name) is { } m
                ? $"{Format.Number(m.Last)} / {Format.Number(m.Min)} / {Format.Number(m.Max)}"
                : "")]);
        }

        console.Write(metrics);
        return 0;
    }

    private static Dictionary<string, ConfigNode> Flatten(ConfigNode node)
    {
        var result = new Dictionary<string, ConfigNode>(System.StringComparer.Ordinal);
        void Walk(ConfigNode n, string prefix)
        {
            foreach (var (key, value) in n.Members)
            {
                if (value.Kind == ConfigNodeKind.Object && value.Members.Count > 0)
                {
                    Walk(value, prefix + key + ".");
                }
                else
                {
                    result[prefix + key] = value;
                }
            }
        }

        Walk(node, "");
        return result;
    }
}
