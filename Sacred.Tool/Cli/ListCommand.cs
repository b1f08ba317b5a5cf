using System;
using System.IO;
using System.Linq;
using Sacred.CommandLine;
using Sacred.Storage.Reading;
using Sacred.Tool.Output;
using Spectre.Console;

namespace Sacred.Tool.Cli;

/// <summary><c>sacred ls</c>: the runs table, newest first, with filters, sort and limit.</summary>
internal static class ListCommand
{
    public static int Run(ToolArguments options, IAnsiConsole console, TextWriter stdout)
    {
        var sort = options.Value(ToolOptions.Sort) ?? "-id";
        var query = new RunQuery
        {
            Statuses = options.Value(ToolOptions.Status)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).ToList(),
            Experiment = options.Value(ToolOptions.Experiment),
            SortBy = sort.TrimStart('-', '+'),
            Descending = sort.StartsWith('-'),
            Limit = options.Integer(ToolOptions.Limit, 20, 1),
        };

        using var store = RunStore.Open(options.Store);
        RunPage page;
        try
        {
            page = store.ListRuns(query);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }

        if (options.Json)
        {
            ToolJsonContext.Write(stdout, RunPageJson.From(page), ToolJsonContext.Default.RunPageJson);
            return 0;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "id", "experiment", "command", "status", "start (UTC)", "duration", "result", "comment" })
        {
            table.AddColumn(column);
        }

        foreach (var run in page.Runs)
        {
            table.AddRow(
                Markup.Escape(run.CustomId ?? run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Markup.Escape(run.Experiment),
                Markup.Escape(run.Command),
                Status(run.Status),
                Format.Time(run.StartTime ?? run.QueueTime),
                Format.Duration(run.Duration),
                Markup.Escape(Format.Node(run.Result)),
                Markup.Escape(run.Comment ?? ""));
        }

        console.Write(table);
        console.WriteLine($"{page.Runs.Count} of {page.TotalCount} runs in {store.Directory}");
        return 0;
    }

    public static string Status(string status) => status switch
    {
        "COMPLETED" => "[green]COMPLETED[/]",
        "FAILED" => "[red]FAILED[/]",
        "RUNNING" => "[blue]RUNNING[/]",
        "INTERRUPTED" or "TIMEOUT" => $"[yellow]{status}[/]",
        EffectiveStatus.ProbablyDead => "[grey]PROBABLY_DEAD[/]",
        _ => Markup.Escape(status),
    };
}
