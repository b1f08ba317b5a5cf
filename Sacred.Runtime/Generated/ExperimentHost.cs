using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Threading;
using Sacred.CommandLine;
using Sacred.Configuration;
using Sacred.Logging;
using Sacred.Observers;
using Sacred.Queue;
using Sacred.Recording;
using Sacred.Running;

namespace Sacred.Generated;

/// <summary>
/// The entry point of an experiment's command line, <c>app [COMMAND] [with UPDATE...] [options]</c>, and the
/// place where its parts are put together: the arguments parsed, the command resolved, the config built, the
/// observers made from the flags and handed to the run. Generated <c>Run(args)</c> methods call this and return
/// its exit code from <c>Main</c>: 0 success, 1 the command failed, 2 a usage error (one <c>error:</c> line on
/// stderr, nothing run), 130 interrupted. It never ends the process itself.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ExperimentHost
{
    /// <summary>Runs the command line on the console; colours when stdout is a terminal; Ctrl-C, SIGTERM and SIGHUP cancel the run.</summary>
    /// <typeparam name="TState">The generated config-state type.</typeparam>
    /// <param name="definition">The experiment.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The process exit code, for <c>Main</c> to return.</returns>
    public static int Run<TState>(ExperimentDefinition<TState> definition, string[] args)
        where TState : class
    {
        using var signals = new InterruptSignals();
        return Execute(definition, args, new HostEnvironment(CurrentConsoleWriter.Out, CurrentConsoleWriter.Error, !Console.IsOutputRedirected, ProgramName.Resolve(), signals.Token, signals));
    }

    /// <summary>
    /// Runs the command line with the given writers (no colour unless <c>--color</c>, no output capture unless
    /// <c>-C</c>); for tests and embedding. It returns even when the command ignores <paramref name="cancellationToken"/>:
    /// after the grace period the run is recorded as INTERRUPTED and 130 is returned, the command left running on its
    /// background thread.
    /// </summary>
    /// <typeparam name="TState">The generated config-state type.</typeparam>
    /// <param name="definition">The experiment.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdout">Receives the output of print commands.</param>
    /// <param name="stderr">Receives log lines and errors.</param>
    /// <param name="cancellationToken">Cancels the run, as Ctrl-C does.</param>
    /// <returns>The exit code.</returns>
    public static int Run<TState>(
        ExperimentDefinition<TState> definition, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        where TState : class =>
        Execute(definition, args, new HostEnvironment(stdout, stderr, false, ProgramName.Resolve(), cancellationToken));

    internal static int Execute<TState>(ExperimentDefinition<TState> definition, IReadOnlyList<string> args, HostEnvironment host)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            if (QueueCommand(definition, args) is { } queueCommand)
            {
                return queueCommand == WorkerOptions.CommandName ? Work(definition, args, host) : Sweep(definition, args, host);
            }

            var parsed = CommandLineParser.Parse(args);
            if (parsed.Options.Help || parsed.Command == BuiltInCommands.Help)
            {
                var topic = parsed.Command == BuiltInCommands.Help ? parsed.HelpTopic : parsed.Command;
                host.Out.Write(topic is null
                    ? HelpPrinter.Render(host.Program, definition)
                    : HelpPrinter.RenderCommand(CommandResolver.Resolve(definition.Commands, topic).Info));
                return 0;
            }

            return Dispatch(definition, parsed, host);
        }
        catch (Exception e) when (e is UsageException or ConfigUpdateException)
        {
            host.Error.Write($"error: {e.Message}\n");
            return 2;
        }
        catch (CommandFailedException e)
        {
            host.Error.Write($"error: {e.Message}\n");
            return 1;
        }
    }

    private static int Dispatch<TState>(ExperimentDefinition<TState> definition, ParsedCommandLine parsed, HostEnvironment host)
        where TState : class
    {
        var options = parsed.Options;
        var color = host.ColorByDefault || options.Color;
        var command = CommandResolver.Resolve(definition.Commands, parsed.Command);
        if (command.IsBuiltIn && command.Info.Name is BuiltInCommands.Worker or BuiltInCommands.Sweep)
        {
            throw new UsageException($"'{command.Info.Name}' must come first, before any option: {host.Program} {command.Info.Signature}");
        }

        var sink = new LogSink(host.Error, options.LogThreshold);
        var logger = new SacredLogger(options.Name ?? definition.Name, sink);
        var (fileName, updates) = command.Info.Name == BuiltInCommands.SaveConfig
            ? ConfigSaver.TakeFileName(parsed.Updates)
            : (ConfigSaver.DefaultFileName, parsed.Updates);
        var config = ConfigBuilder.Build(definition, updates, options.Force, logger);
        if (options.PrintConfig)
        {
            host.Out.Write(ConfigPrinter.Render(config.Config, config.Changes, definition.Keys, color));
            host.Out.Write(new string('-', 79) + "\n");
        }

        return command.IsBuiltIn
            ? BuiltInCommandRunner.Execute(definition, command.Info.Name, config, fileName, host, color, logger)
            : CommandRunner.Execute(definition, command.Info, config, options, Observers(options, definition.MongoObservers, sink, options.Name ?? definition.Name), host, sink);
    }

    /// <summary>
    /// The observers the flags ask for. <c>-m</c> in an experiment without Sacred.Mongo fails the command (exit 1,
    /// nothing run); any other observer that cannot be made is a usage error.
    /// </summary>
    private static IReadOnlyList<IRunObserver> Observers(RunOptions options, IMongoObserverFactory? mongo, LogSink sink, string category)
    {
        if (mongo is null && ObserverFactory.MongoTarget(options) is { } target)
        {
            throw new CommandFailedException(ObserverFactory.MongoNotReferenced(target));
        }

        try
        {
            return ObserverFactory.Create(options, mongo, message => sink.Write(Microsoft.Extensions.Logging.LogLevel.Warning, category, message));
        }
        catch (ObserverUnavailableException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
