using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Sacred.Storage.Reading;
using Sacred.Tool.Output;
using Spectre.Console;

namespace Sacred.Tool.Cli;

/// <summary>
/// <c>sacred queue</c>: the QUEUED runs in the order workers claim them (highest <c>-P</c> priority first, then
/// oldest), each with its experiment, command, the config keys it changes and its queue time.
/// </summary>
internal static class QueueCommand
{
    public static int Run(ToolArguments options, IAnsiConsole console, TextWriter stdout)
    {
        using var store = RunStore.Open(options.Store);
        var page = store.ListRuns(new RunQuery { Statuses = ["QUEUED"], SortBy = "id", Descending = false, Limit = int.MaxValue });
        var waiting = page.Runs
            .Select(r => store.GetRun(r.Id))
            .OfType<RunDetail>()
            .OrderByDescending(r => r.Meta.Priority ?? 0)
            .ThenBy(r => r.Summary.Id)
            .Select(r => new QueuedRunJson(
                r.Summary.CustomId ?? r.Summary.Id.ToString(CultureInfo.InvariantCulture),
                r.Summary.Experiment,
                r.Summary.Command,
                Changes(r),
                r.Summary.QueueTime,
                r.Meta.Priority))
            .ToList();

        if (options.Json)
        {
            ToolJsonContext.Write(stdout, new QueueJson(waiting), ToolJsonContext.Default.QueueJson);
            return 0;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in new[] { "id", "experiment", "command", "config", "queued (UTC)", "priority" })
        {
            table.AddColumn(column);
        }

        foreach (var run in waiting)
        {
            table.AddRow(
                Markup.Escape(run.Id),
                Markup.Escape(run.Experiment),
                Markup.Escape(run.Command),
                Markup.Escape(string.Join(' ', run.Config.Select(c => $"{c.Key}={c.Value}"))),
                Format.Time(run.QueueTime),
                run.Priority?.ToString("R", CultureInfo.InvariantCulture) ?? "");
        }

        console.Write(table);
        console.WriteLine($"{waiting.Count} queued runs in {store.Directory}");
        return 0;
    }

    /// <summary>The keys the run's command line or named configs changed (modified and added), with their values.</summary>
    private static SortedDictionary<string, string> Changes(RunDetail run)
    {
        var changes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in run.Modifications.Modified.Concat(run.Modifications.Added))
        {
            if (run.Config.Get(key) is { Kind: not ConfigNodeKind.Object } value)
            {
                changes[key] = value.ToLiteral();
            }
        }

        return changes;
    }
}
