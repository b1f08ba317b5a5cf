using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using MongoDB.Driver;
using Sacred.CommandLine;
using Sacred.Mongo;
using Sacred.Mongo.Queue;
using Sacred.Storage.Reading;
using Sacred.Tool.Output;
using Spectre.Console;

namespace Sacred.Tool.Cli;

/// <summary>
/// <c>sacred queue [-m URL]</c>: the QUEUED runs in the order workers claim them (highest <c>-P</c> priority first, then
/// oldest), each with its experiment, command, the config keys it changes and its queue time: those of the embedded
/// store, or with <c>-m</c> those of MongoDB's queue, which <c>worker -m</c> claims from.
/// </summary>
internal static class QueueCommand
{
    public static readonly CommandLineOption Mongo = new('m', "mongo_db", "URL", "List MongoDB's queue: mongodb://host:27017/db or Sacred's host:port:db_name.");

    public static int Run(ToolArguments options, IAnsiConsole console, TextWriter stdout, TextWriter stderr)
    {
        if (options.Value(Mongo) is { } address)
        {
            return RunMongo(options, address, console, stdout, stderr);
        }

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

        return Write(waiting, "in " + store.Directory, options, console, stdout);
    }

    private static int RunMongo(ToolArguments options, string address, IAnsiConsole console, TextWriter stdout, TextWriter stderr)
    {
        MongoTarget target;
        try
        {
            target = MongoTarget.Parse(address);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        IReadOnlyList<MongoQueuedRun> queued;
        try
        {
            queued = MongoQueueListing.List(target);
        }
        catch (Exception e) when (e is TimeoutException or MongoException)
        {
            var reason = target.Reason(e);
            stderr.Write($"error: MongoDB {target} cannot be reached ({reason})\n");
            return 1;
        }

        var waiting = queued.Select(r => new QueuedRunJson(r.Id, r.Experiment, r.Command, r.Changes, r.QueueTime, r.Priority)).ToList();
        return Write(waiting, "in MongoDB " + target, options, console, stdout);
    }

    private static int Write(List<QueuedRunJson> waiting, string where, ToolArguments options, IAnsiConsole console, TextWriter stdout)
    {
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
        console.WriteLine($"{waiting.Count} queued runs {where}");
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
