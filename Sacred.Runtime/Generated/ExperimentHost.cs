using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Logging;
using Sacred.Capture;
using Sacred.Cli;
using Sacred.Logging;

namespace Sacred.Generated;

/// <summary>
/// The command line of an experiment: <c>app [COMMAND] [with UPDATE...] [options]</c>. Generated <c>Run(args)</c>
/// methods call this. Exit codes: 0 success, 1 the command failed, 2 a usage error (one <c>error:</c> line on
/// stderr, nothing run), 130 interrupted.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ExperimentHost
{
    /// <summary>Runs the command line on the console; colours when stdout is a terminal; Ctrl-C and SIGTERM cancel the run.</summary>
    /// <typeparam name="TState">The generated config-state type.</typeparam>
    /// <param name="definition">The experiment.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The process exit code.</returns>
    public static int Run<TState>(ExperimentDefinition<TState> definition, string[] args)
        where TState : class
    {
        using var signals = new InterruptSignals();
        return Execute(definition, args, new HostEnvironment(CurrentConsoleWriter.Out, CurrentConsoleWriter.Error, !Console.IsOutputRedirected, ProgramName.Resolve(), signals.Token, signals));
    }

    /// <summary>Runs the command line with the given writers (no colour unless <c>--color</c>); for tests and embedding.</summary>
    /// <typeparam name="TState">The generated config-state type.</typeparam>
    /// <param name="definition">The experiment.</param>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="stdout">Receives the output of print commands.</param>
    /// <param name="stderr">Receives log lines and errors.</param>
    /// <param name="cancellationToken">Cancels the run, as Ctrl-C does.</param>
    /// <returns>The process exit code.</returns>
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
        catch (UsageException e)
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

        if (!command.IsBuiltIn)
        {
            if (options.EnforceClean)
            {
                EnforceClean(definition.Sources.BaseDirectory);
            }

            return CommandRunner.Execute(definition, command.Info, config, options, host, sink);
        }

        switch (command.Info.Name)
        {
            case BuiltInCommands.PrintConfig:
                host.Out.Write(ConfigPrinter.Render(config.Config, config.Changes, definition.Keys, color));
                break;
            case BuiltInCommands.PrintNamedConfigs:
                host.Out.Write(NamedConfigsPrinter.Render(definition.NamedConfigs, color));
                break;
            case BuiltInCommands.PrintDependencies:
                host.Out.Write(DependenciesPrinter.Render(definition.Sources, GitRepository.Detect(definition.Sources.BaseDirectory), color));
                break;
            case BuiltInCommands.SaveConfig:
                logger.LogInformation("Saving config to \"{FileName}\"", fileName);
                ConfigSaver.Save(config.Config, fileName);
                break;
        }

        return 0;
    }

    private static void EnforceClean(string directory)
    {
        var repository = GitRepository.Detect(directory)
            ?? throw new CommandFailedException($"no version control detected in '{directory}'; cannot enforce a clean repository (-e/--enforce_clean)");
        if (repository.Dirty)
        {
            throw new CommandFailedException($"uncommitted changes in the git repository '{repository.Url}' (-e/--enforce_clean)");
        }
    }
}
