using System;
using System.Diagnostics;
using System.Linq;
using Microsoft.Extensions.Logging;
using Sacred.Configuration;
using Sacred.Logging;

namespace Sacred.Cli;

/// <summary>
/// Runs the main function or an experiment command as a <see cref="Sacred.Run"/>, with Sacred's log lines
/// (Running command, Started, Result, Completed/Failed/Aborted after H:MM:SS) and exit codes 0, 1 or 130.
/// </summary>
internal static class CommandRunner
{
    public const int Interrupted = 130;

    public static int Execute<TState>(
        ExperimentDefinition<TState> definition, CommandInfo command, ConfigBuildResult<TState> config, RunOptions options, HostEnvironment host, LogSink sink)
        where TState : class
    {
        var name = options.Name ?? definition.Name;
        if (options.Queue)
        {
            sink.Write(LogLevel.Information, name, $"Queuing-up command '{command.Name}'");
            return 0;
        }

        var run = new Run(name, command.Name, config.Config, options, config.Seed, sink, host.Interrupted);
        sink.Write(LogLevel.Information, name, $"Running command '{command.Name}'");
        sink.Write(LogLevel.Information, name, "Started");
        var previous = Run.Current;
        var clock = Stopwatch.StartNew();
        Run.Current = run;
        try
        {
            run.Result = definition.Invoke(command.Name, config.State, run);
            if (run.Result is { Kind: not ConfigNodeKind.Null } result)
            {
                sink.Write(LogLevel.Information, name, $"Result: {result.ToLiteral()}");
            }

            sink.Write(LogLevel.Information, name, $"Completed after {ElapsedTime.Format(clock.Elapsed)}");
            return 0;
        }
        catch (Exception e) when (IsCancellation(e) && host.Interrupted.IsCancellationRequested)
        {
            sink.Write(LogLevel.Warning, name, $"Aborted after {ElapsedTime.Format(clock.Elapsed)}!");
            return Interrupted;
        }
        catch (Exception e)
        {
            sink.Write(LogLevel.Error, name, $"Failed after {ElapsedTime.Format(clock.Elapsed)}!");
            if (options.Debug)
            {
                throw;
            }

            host.Error.Write(e.ToString().ReplaceLineEndings("\n") + "\n");
            return 1;
        }
        finally
        {
            Run.Current = previous;
        }
    }

    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException
        || (e is AggregateException aggregate && aggregate.Flatten().InnerExceptions.All(IsCancellation));
}
