using System.Globalization;
using System.IO;
using System.Linq;
using Sacred.Storage.Reading;
using Sacred.Tool.Output;
using Spectre.Console;

namespace Sacred.Tool.Cli;

/// <summary><c>sacred show ID</c>: one run — status, config, host, git, sources, artifacts, metrics, output tail.</summary>
internal static class ShowCommand
{
    private const int TailLines = 20;

    public static int Run(ToolArguments options, IAnsiConsole console, TextWriter stdout)
    {
        using var store = RunStore.Open(options.Store);
        var run = RunLookup.Get(store, options.Positionals[0]);
        var tail = store.ReadOutputTail(run.Summary.Id, TailLines)?.Text ?? "";
        if (options.Json)
        {
            ToolJsonContext.Write(stdout, RunShowJson.From(run, tail), ToolJsonContext.Default.RunShowJson);
            return 0;
        }

        var s = run.Summary;
        var overview = new Grid().AddColumn().AddColumn();
        overview.AddRow("run", Markup.Escape(s.CustomId ?? s.Id.ToString(CultureInfo.InvariantCulture)));
        overview.AddRow("experiment", Markup.Escape($"{s.Experiment} ({s.Command})"));
        overview.AddRow("status", ListCommand.Status(s.Status));
        overview.AddRow("started", Format.Time(s.StartTime ?? s.QueueTime) + " UTC");
        overview.AddRow("duration", Format.Duration(s.Duration));
        overview.AddRow("result", Markup.Escape(Format.Node(s.Result)));
        overview.AddRow("seed", s.Seed.ToString(CultureInfo.InvariantCulture));
        overview.AddRow("host", Markup.Escape($"{run.Host.Hostname} · {string.Join(" ", run.Host.Os)} · {run.Host.Cpu} · .NET {run.Host.DotnetVersion}"));
        foreach (var repository in run.Experiment.Repositories)
        {
            overview.AddRow("git", Markup.Escape($"{repository.Url} {repository.Commit[..System.Math.Min(12, repository.Commit.Length)]}{(repository.Dirty ? " (dirty)" : "")}"));
        }

        if (s.Comment is { } comment)
        {
            overview.AddRow("comment", Markup.Escape(comment));
        }

        console.Write(overview);
        console.WriteLine();
        console.Write(new Rule("config").LeftJustified());
        var modified = run.Modifications.Modified.Concat(run.Modifications.Added).ToHashSet();
        WriteConfig(console, run.Config, "", 1, modified);

        if (run.Metrics.Count > 0)
        {
            console.Write(new Rule("metrics").LeftJustified());
            console.Write(MetricsTable(run.Metrics));
        }

        console.Write(new Rule("sources").LeftJustified());
        foreach (var source in run.Experiment.Sources)
        {
            console.WriteLine($"  {source.Path,-44} {source.Md5}");
        }

        if (run.Artifacts.Count > 0)
        {
            console.Write(new Rule("artifacts").LeftJustified());
            foreach (var artifact in run.Artifacts)
            {
                console.WriteLine($"  {artifact.Name,-44} {artifact.Size,12:N0} B  {artifact.ContentType}");
            }
        }

        if (run.FailTrace is { } failTrace)
        {
            console.Write(new Rule("[red]fail trace[/]").LeftJustified());
            console.Write(new Text(string.Concat(failTrace)));
        }

        console.Write(new Rule($"output (last {TailLines} lines of {run.OutputChars:N0} characters)").LeftJustified());
        console.Write(new Text(tail.EndsWith('\n') ? tail : tail + "\n"));
        return 0;
    }

    public static Table MetricsTable(System.Collections.Generic.IEnumerable<MetricSummary> metrics)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "metric", "count", "last", "min (step)", "max (step)" })
        {
            table.AddColumn(column);
        }

        foreach (var m in metrics)
        {
            table.AddRow(
                Markup.Escape(m.Name),
                m.Count.ToString("N0", CultureInfo.InvariantCulture),
                Format.Number(m.Last),
                $"{Format.Number(m.Min)} ({m.MinStep})",
                $"{Format.Number(m.Max)} ({m.MaxStep})");
        }

        return table;
    }

    private static void WriteConfig(IAnsiConsole console, ConfigNode node, string prefix, int depth, System.Collections.Generic.HashSet<string> modified)
    {
        foreach (var (key, value) in node.Members.OrderBy(m => m.Value.Kind == ConfigNodeKind.Object).ThenBy(m => m.Key, System.StringComparer.Ordinal))
        {
            var path = prefix + key;
            var indent = new string(' ', depth * 2);
            var mark = modified.Contains(path) ? "  [blue](modified)[/]" : "";
            if (value.Kind == ConfigNodeKind.Object && value.Members.Count > 0)
            {
                console.MarkupLine($"{indent}{Markup.Escape(key)}:");
                WriteConfig(console, value, path + ".", depth + 1, modified);
            }
            else
            {
                console.MarkupLine($"{indent}{Markup.Escape(key)} = {Markup.Escape(value.ToLiteral())}{mark}");
            }
        }
    }
}
