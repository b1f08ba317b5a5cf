using System;
using System.IO;
using System.Linq;
using Sacred.CommandLine;
using Sacred.Formatting;
using Sacred.Storage;
using Spectre.Console;

namespace Sacred.Tool.Cli;

/// <summary>
/// The <c>sacred</c> command: <c>ls</c>, <c>show ID</c>, <c>metrics ID NAME</c>, <c>compare ID ID...</c>, <c>queue</c>, <c>board</c> and
/// <c>sync</c> over the embedded store, as tables or, with <c>--json</c>, as JSON for scripts; <c>rerun ID</c> rebuilds a run from its
/// record and compares. Exit codes: 0 success, 1 the store or run cannot be read (or rebuilt), 2 a usage error,
/// 3 a rerun that diverged.
/// </summary>
public static class SacredCommandLine
{
    private const string Usage = """
        Usage:
          sacred ls [--status S[,S...]] [--experiment NAME] [--sort KEY] [--limit N] [--store DIR] [--json]
          sacred show ID [--store DIR] [--json]
          sacred metrics ID NAME [--points N] [--store DIR] [--json]
          sacred compare ID ID... [--store DIR] [--json]
          sacred queue [--store DIR] [--json]     the QUEUED runs, in the order workers claim them
          sacred board [--store DIR | -m URL] [--port N] [--host ADDR] [--token T] [--read-only] [--open]
          sacred sync [--store DIR] -m URL
          sacred rerun ID [with UPDATE...] [--store DIR] [--keep DIR]

        sync uploads to MongoDB (mongodb://host:27017/db, or Sacred's host:port:db_name; else $SACRED_MONGO) every run
        of the store that is not there yet, each exactly once. rerun rebuilds a run from its record, runs it again and
        compares: exit 0 reproduced, 3 diverged, 1 cannot be rebuilt.

        The store is --store DIR, else $SACRED_STORE, else ./sacred_runs (where experiments record by default).
        Sort keys: id, start_time, stop_time, duration, result, status, experiment, metrics.<name>.last|min|max|count;
        a leading '-' sorts descending (default: -id, newest first).
        Statuses: QUEUED, RUNNING, COMPLETED, FAILED, INTERRUPTED, TIMEOUT, PROBABLY_DEAD (a stale heartbeat).

        """;

    private static readonly string[] Commands = ["ls", "show", "metrics", "compare", "queue", "board", "sync", "rerun", "help"];

    /// <summary>Runs one command.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="stdout">Receives tables or JSON.</param>
    /// <param name="stderr">Receives errors.</param>
    /// <param name="redirected">True when stdout is not a terminal: no colours, wide tables.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool redirected)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            if (args.Length == 0 || args[0] is "help" or "-h" or "--help")
            {
                stdout.Write(Usage);
                return 0;
            }

            var console = CreateConsole(stdout, redirected);
            var rest = args.Skip(1).ToList();
            switch (args[0])
            {
                case "ls":
                    var listOptions = ToolOptions.With(ToolOptions.Status, ToolOptions.Experiment, ToolOptions.Sort, ToolOptions.Limit);
                    return ListCommand.Run(ToolArguments.Parse(rest, listOptions, 0, 0, "ls [options]"), console, stdout);
                case "show":
                    return ShowCommand.Run(ToolArguments.Parse(rest, ToolOptions.With(), 1, 1, "show ID"), console, stdout);
                case "metrics":
                    return MetricsCommand.Run(ToolArguments.Parse(rest, ToolOptions.With(ToolOptions.Points), 2, 2, "metrics ID NAME"), console, stdout);
                case "queue":
                    return QueueCommand.Run(ToolArguments.Parse(rest, ToolOptions.With(QueueCommand.Mongo), 0, 0, "queue [-m URL]"), console, stdout, stderr);
                case "board":
                    return BoardCommand.Run(rest, stdout, stderr);
                case "sync":
                    return SyncCommand.Run(rest, stdout, stderr);
                case "rerun":
                    return RerunCommand.Run(ToolArguments.Parse(rest, [ToolOptions.Keep, ToolOptions.Store], 1, int.MaxValue, "rerun ID [with UPDATE...]"), stdout, stderr);
                case "compare":
                    return CompareCommand.Run(ToolArguments.Parse(rest, ToolOptions.With(), 2, int.MaxValue, "compare ID ID..."), console, stdout);
                default:
                    var close = Suggestions.DidYouMean(args[0], Commands);
                    throw new UsageException($"unknown command '{args[0]}'{close}; commands: {string.Join(", ", Commands)}");
            }
        }
        catch (UsageException e)
        {
            stderr.Write($"error: {e.Message}\n");
            return 2;
        }
        catch (StoreException e)
        {
            stderr.Write($"error: {e.Message}\n");
            return 1;
        }
    }

    private static IAnsiConsole CreateConsole(TextWriter stdout, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (redirected)
        {
            console.Profile.Width = 160;
        }

        return console;
    }
}
