using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;
using Sacred.CommandLine;
using Sacred.Configuration;
using Sacred.Logging;
using Sacred.Observers;
using Sacred.Queue;
using Sacred.Recording;
using Sacred.Running;
using Sacred.Storage;

namespace Sacred.Generated;

/// <summary>The queue's built-in commands, <c>EXE worker</c> and <c>EXE sweep</c>, put together from <see cref="Sacred.Queue"/> and the run's parts.</summary>
public static partial class ExperimentHost
{
    private const string SweepCommandName = "sweep";

    private static readonly CommandLineOption s_random = new(null, "random", "N", "Draw N configs from the listed values and ranges instead of queuing the grid.");
    private static readonly CommandLineOption s_sweepSeed = new(null, "sweep-seed", "SEED", "The seed of --random's draws (printed when not given).");

    /// <summary><c>worker</c> or <c>sweep</c> when the command line starts with it and the experiment has no own command of that name.</summary>
    private static string? QueueCommand<TState>(ExperimentDefinition<TState> definition, IReadOnlyList<string> args)
        where TState : class =>
        args.Count > 0 && args[0] is WorkerOptions.CommandName or SweepCommandName && definition.Commands.All(c => c.Name != args[0]) ? args[0] : null;

    private static int Work<TState>(ExperimentDefinition<TState> definition, IReadOnlyList<string> args, HostEnvironment host)
        where TState : class
    {
        var worker = WorkerOptions.Parse(args.Skip(1).ToList());
        if (worker.Help)
        {
            host.Out.Write(WorkerOptions.Usage(host.Program));
            return 0;
        }

        var sink = new LogSink(host.Error, PythonLogLevel.Default);
        var workerId = WorkerId.Create();
        var filter = new QueueFilter(definition.Name, worker.AnyBuild ? null : definition.Sources.Files, definition.Sources.MainFile);
        try
        {
            if (worker.MongoDb is { } url)
            {
                var mongo = definition.MongoObservers as IMongoRunQueueFactory ?? throw new CommandFailedException(ObserverFactory.MongoNotReferenced(url));
                using var mongoQueue = OpenMongoQueue(mongo, url);
                return QueueWorker.Run(mongoQueue, filter, worker, workerId, sink, host.Interrupted,
                    (claim, stop) => RunClaimed(definition, claim, worker, workerId, mongoQueue, host with { Interrupted = stop }, (options, runSink) =>
                    [
                        .. ObserverFactory.Create(options, mongoFromEnvironment: false),
                        mongo.ClaimedRunObserver(url, claim, workerId, worker.Lease, System.IO.Path.GetFullPath(StoreLocation.Resolve(options.Store)),
                            message => runSink.Write(LogLevel.Warning, WorkerOptions.CommandName, message)),
                    ]));
            }

            using var queue = EmbeddedStoreQueue.Open(StoreLocation.Resolve(worker.Store));
            return QueueWorker.Run(queue, filter, worker, workerId, sink, host.Interrupted,
                (claim, stop) => RunClaimed(definition, claim, worker, workerId, queue, host with { Interrupted = stop }, null));
        }
        catch (QueueUnavailableException e)
        {
            throw new CommandFailedException($"worker: {e.Message}");
        }
    }

    /// <summary>Opens the MongoDB queue, which connects nothing yet: the only failure here is an address that is not one (a usage error).</summary>
    private static IRunQueue OpenMongoQueue(IMongoRunQueueFactory mongo, string url)
    {
        try
        {
            return mongo.OpenQueue(url);
        }
        catch (QueueUnavailableException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// Runs one claimed run as it was queued: its command, updates and seed, under its own id (in the embedded store),
    /// or, claimed from another store (<paramref name="otherStore"/> makes its observers), as a new run of the embedded
    /// store that the other store's observer records into the claimed run.
    /// </summary>
    private static int RunClaimed<TState>(
        ExperimentDefinition<TState> definition, QueuedRunClaim claim, WorkerOptions worker, string workerId, IRunQueue queue, HostEnvironment host,
        Func<RunOptions, LogSink, IReadOnlyList<IRunObserver>>? otherStore)
        where TState : class
    {
        var options = otherStore is null ? QueuedRunOptions.For(claim, worker.Store, workerId) : QueuedRunOptions.ForOtherStore(claim, worker.Store);
        var sink = new LogSink(host.Error, options.LogThreshold);
        var logger = new SacredLogger(options.Name ?? definition.Name, sink);
        ResolvedCommand command;
        ConfigBuildResult<TState> config;
        try
        {
            command = CommandResolver.Resolve(definition.Commands, options.Command);
            config = command.IsBuiltIn
                ? throw new UsageException($"'{command.Info.Name}' is a built-in command, which records no run")
                : ConfigBuilder.Build(definition, options.Updates, options.Force, logger, claim.Seed);
        }
        catch (Exception e) when (e is UsageException or ConfigUpdateException)
        {
            return Refuse(queue, claim, workerId, host, $"the queued command line does not apply to this build: {e.Message}");
        }

        var differences = ConfigDifferences.Keys(claim.Config, config.Config);
        if (differences.Count > 0)
        {
            var what = $"the config built now differs from the queued one at {string.Join(", ", differences)}";
            if (!worker.AnyBuild)
            {
                return Refuse(queue, claim, workerId, host, what + " (an update file changed since it was queued); queue it again");
            }

            logger.LogWarning("{Differences}; running it with this build's config (--any-build)", what);
        }

        try
        {
            var observers = otherStore is null
                ? ClaimedRunObservers(options, definition.MongoObservers, sink)
                : otherStore(options, sink);
            return CommandRunner.Execute(definition, command.Info, config, options, observers, host, sink);
        }
        catch (CommandFailedException e)
        {
            host.Error.Write($"error: {e.Message}\n");
            queue.FailClaim(claim.RunId, workerId, e.Message);
            return 1;
        }
    }

    /// <summary>
    /// The observers of a run claimed from the embedded store: its store, its <c>-F</c>, and MongoDB when
    /// <c>SACRED_MONGO</c> asks for it, as for any run; one that cannot be made fails the claim with its one line.
    /// </summary>
    private static IReadOnlyList<IRunObserver> ClaimedRunObservers(RunOptions options, IMongoObserverFactory? mongo, LogSink sink)
    {
        try
        {
            return ObserverFactory.Create(options, mongo, message => sink.Write(LogLevel.Warning, WorkerOptions.CommandName, message));
        }
        catch (ObserverUnavailableException e)
        {
            throw new CommandFailedException(e.Message);
        }
    }

    private static int Refuse(IRunQueue queue, QueuedRunClaim claim, string workerId, HostEnvironment host, string reason)
    {
        host.Error.Write($"error: run {claim.RunId}: {reason}; recorded as FAILED\n");
        queue.FailClaim(claim.RunId, workerId, reason);
        return 1;
    }

    private static int Sweep<TState>(ExperimentDefinition<TState> definition, IReadOnlyList<string> args, HostEnvironment host)
        where TState : class
    {
        var tokens = CommandLineTokenizer.Tokenize(args.Skip(1).ToList(), [.. CommandLineOptions.All, s_random, s_sweepSeed]);
        if (tokens.Has(CommandLineOptions.Unobserved) || tokens.Has(CommandLineOptions.Id))
        {
            throw new UsageException("sweep: -u and -i do not apply; each run of a sweep is queued with its own id");
        }

        var (command, updates) = SweepPositionals(tokens.Positionals);
        var resolved = CommandResolver.Resolve(definition.Commands, command);
        if (resolved.IsBuiltIn)
        {
            throw new UsageException($"sweep: '{resolved.Info.Name}' is a built-in command, which records no run; sweep the main function or a command of the experiment");
        }

        var plan = SweepPlan.Parse(updates);
        var sink = new LogSink(host.Error, PythonLogLevel.Default);
        IReadOnlyList<IReadOnlyList<string>> runs;
        if (tokens.ValueOf(s_random) is { } countText)
        {
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new UsageException($"invalid value '{countText}' for {s_random.DisplayName}; expected a whole number of runs, at least 1");
            }

            var seed = tokens.ValueOf(s_sweepSeed) is { } seedText
                ? int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var given) ? given : throw new UsageException($"invalid value '{seedText}' for {s_sweepSeed.DisplayName}; expected a whole number")
                : Random.Shared.Next(1, 1_000_000_000);
            sink.Write(LogLevel.Information, SweepCommandName, $"Drawing {count} configs with --sweep-seed {seed.ToString(CultureInfo.InvariantCulture)}");
            runs = plan.Random(count, seed);
        }
        else
        {
            runs = plan.Grid();
        }

        // Every config is checked before the first is queued: a sweep queues all of its runs or none.
        for (var i = 0; i < runs.Count; i++)
        {
            try
            {
                ConfigBuilder.Build(definition, runs[i], tokens.Has(CommandLineOptions.Force));
            }
            catch (ConfigUpdateException e)
            {
                throw new UsageException($"sweep: run {i + 1} of {runs.Count} ({string.Join(' ', runs[i].Skip(plan.FixedUpdates.Count))}): {e.Message}; nothing was queued");
            }
        }

        var flags = PassedFlags(tokens);
        sink.Write(LogLevel.Information, SweepCommandName, $"Queuing {runs.Count} runs");
        foreach (var run in runs)
        {
            List<string> queued = [.. command is null ? [] : new[] { command }, "with", .. run, .. flags, "-q"];
            var exit = Execute(definition, queued, host);
            if (exit != 0)
            {
                return exit;
            }
        }

        return 0;
    }

    private static (string? Command, IReadOnlyList<string> Updates) SweepPositionals(IReadOnlyList<string> positionals)
    {
        string? command = null;
        var updates = new List<string>();
        var afterWith = false;
        foreach (var token in positionals)
        {
            if (afterWith)
            {
                updates.Add(token);
            }
            else if (token == "with")
            {
                afterWith = true;
            }
            else if (command is null)
            {
                command = token;
            }
            else
            {
                throw new UsageException($"sweep: unexpected argument '{token}'; the values to sweep go after 'with', e.g. 'sweep with lr=0.1,0.01'");
            }
        }

        return (command, updates);
    }

    /// <summary>The experiment's flags given to the sweep, passed on to each queued run.</summary>
    private static List<string> PassedFlags(TokenizedCommandLine tokens)
    {
        var flags = new List<string>();
        foreach (var option in CommandLineOptions.All)
        {
            if (option == CommandLineOptions.Queue || option == CommandLineOptions.Help)
            {
                continue;
            }

            if (option.ValueName is not null && tokens.ValueOf(option) is { } value)
            {
                flags.Add("--" + option.Long);
                flags.Add(value);
            }
            else if (option.ValueName is null && tokens.Has(option))
            {
                flags.Add("--" + option.Long);
            }
        }

        return flags;
    }
}
