using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Sacred.Storage.Reading;
using Spectre.Console;

namespace Sacred.Tool.Cli;

/// <summary><c>sacred compare ID ID...</c>: the config keys whose values differ, and every metric's summaries, side by side.</summary>
internal static class CompareCommand
{
    public static int Run(CliOptions options, IAnsiConsole console, TextWriter stdout)
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
            JsonOutput.Write(stdout, json =>
            {
                json.WriteStartObject();
                json.WriteStartArray("runs");
                foreach (var run in runs)
                {
                    JsonOutput.WriteSummary(json, run.Summary);
                }

                json.WriteEndArray();
                json.WriteStartObject("config_differences");
                foreach (var key in differing)
                {
                    json.WriteStartArray(key);
                    foreach (var f in flat)
                    {
                        if (f.TryGetValue(key, out var value))
                        {
                            value.WriteTo(json);
                        }
                        else
                        {
                            json.WriteNullValue();
                        }
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
                json.WriteStartArray("metrics");
                foreach (var run in runs)
                {
                    json.WriteStartObject();
                    JsonOutput.WriteMetricSummaries(json, "summaries", run.Metrics);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });
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
