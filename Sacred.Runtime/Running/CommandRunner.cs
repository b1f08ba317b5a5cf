using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.Extensions.Logging;
using Sacred.Capture;
using Sacred.Configuration;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Logging;
using Sacred.Recording;

namespace Sacred.Running;

/// <summary>
/// Runs the main function or an experiment command as a recorded <see cref="Sacred.Run"/>: observers opened
/// before anything starts, output captured, heartbeats, and the final status written after every point and
/// every line of output. Sacred's log lines (Running command, Started run with ID, Result, Completed/Failed/
/// Aborted after H:MM:SS) and exit codes 0 completed, 1 failed, 130 interrupted. The command runs on its own
/// thread (<see cref="CommandThread"/>), so that a command that ignores its cancellation can still be ended as
/// INTERRUPTED and the exit code returned to the caller; nothing here ends the process.
/// </summary>
internal static class CommandRunner
{
    public const int Interrupted = 130;

    public static int Execute<TState>(
        ExperimentDefinition<TState> definition,
        CommandInfo command,
        ConfigBuildResult<TState> config,
        RunOptions options,
        IReadOnlyList<IRunObserver> observerList,
        HostEnvironment host,
        LogSink sink)
        where TState : class
    {
        if (options.EnforceClean)
        {
            EnforceClean(definition.Sources.BaseDirectory);
        }

        var name = options.Name ?? definition.Name;
        var observers = new ObserverSet(observerList, sink, name);
        // What the start records (git state, host, sources) is collected only for someone who records it: an
        // unobserved run (-u) starts without it.
        var started = observerList.Count > 0 || options.Queue
            ? RunStartedEventFactory.Create(definition, name, command, config, options)
            : null;
        try
        {
            observers.OpenAll();
        }
        catch (ObserverUnavailableException e)
        {
            throw new CommandFailedException(e.Message);
        }

        if (options.Queue)
        {
            string? queuedId;
            try
            {
                queuedId = observers.Queued(started!);
            }
            catch (ObserverUnavailableException e)
            {
                throw new CommandFailedException(e.Message);
            }
            finally
            {
                observers.CloseAll();
            }

            sink.Write(LogLevel.Information, name, queuedId is null ? $"Queuing-up command '{command.Name}'" : $"Queued-up run with ID \"{queuedId}\"");
            return 0;
        }

        var run = new Run(name, command.Name, config.Config, options, config.Seed, sink, host.Interrupted)
        {
            Observers = observers,
            ConfigState = config.State,
        };
        try
        {
            // Every observer records the start before anything else happens: a run that one of them cannot record
            // does not execute (ObserverSet.Started undoes the others' starts).
            run.Id = started is null ? options.Id : observers.Started(started);
        }
        catch (ObserverUnavailableException e)
        {
            observers.CloseAll();
            throw new CommandFailedException(e.Message);
        }

        var capture = OutputCapture.Start(options.Capture ?? (observers.Count == 0 ? CaptureMode.No : host.DefaultCapture));
        sink.Write(LogLevel.Information, name, $"Running command '{command.Name}'");
        sink.Write(LogLevel.Information, name, run.Id is null ? "Started" : $"Started run with ID \"{run.Id}\"");
        var recorder = new RunRecorder(observers, run.Metrics, capture, run.Info, () => run.Result, TimeSpan.FromSeconds(options.BeatInterval ?? 10));
        recorder.StartHeartbeats();
        var clock = Stopwatch.StartNew();
        using var hardStop = new HardStop(host);
        var invocation = CommandThread.Start(run, () => definition.Invoke(command.Name, config.State, run));
        if (!invocation.WaitUnless(hardStop.Requested))
        {
            // The command ignored its cancellation: the run ends for it, with everything recorded so far; its
            // thread is left behind (a background thread, so it never keeps the process alive), and what it
            // reports from now on goes nowhere.
            run.Observers = null;
            sink.Write(LogLevel.Warning, name, $"Aborted after {ElapsedTime.Format(clock.Elapsed)}! (the command did not stop by itself)");
            recorder.Finish(RunStatus.Interrupted, run.Result, null);
            return Interrupted;
        }

        try
        {
            // A void command keeps the result its code set during the run (Sacred's _run.result).
            run.Result = invocation.Result() ?? run.Result;
            if (run.Result is { Kind: not ConfigNodeKind.Null } result)
            {
                sink.Write(LogLevel.Information, name, $"Result: {result.ToLiteral()}");
            }

            sink.Write(LogLevel.Information, name, $"Completed after {ElapsedTime.Format(clock.Elapsed)}");
            recorder.Finish(RunStatus.Completed, run.Result, null);
            return 0;
        }
        catch (Exception e) when (Interrupt(e) is { } interrupt)
        {
            sink.Write(LogLevel.Warning, name, $"Aborted after {ElapsedTime.Format(clock.Elapsed)}!");
            recorder.Finish(interrupt.Status, run.Result, null);
            return Interrupted;
        }
        catch (Exception e) when (IsCancellation(e) && host.Interrupted.IsCancellationRequested)
        {
            sink.Write(LogLevel.Warning, name, $"Aborted after {ElapsedTime.Format(clock.Elapsed)}!");
            recorder.Finish(RunStatus.Interrupted, run.Result, null);
            return Interrupted;
        }
        catch (Exception e)
        {
            sink.Write(LogLevel.Error, name, $"Failed after {ElapsedTime.Format(clock.Elapsed)}!");
            host.Error.Write(FailTrace.Text(e) + "\n");
            recorder.Finish(RunStatus.Failed, null, FailTrace.Lines(e));
            if (options.Debug)
            {
                throw;
            }

            return 1;
        }
    }

    /// <summary><c>-e/--enforce_clean</c>: refuses to run outside a git repository or from one with uncommitted changes.</summary>
    private static void EnforceClean(string directory)
    {
        var repository = GitRepository.Detect(directory)
            ?? throw new CommandFailedException($"no version control detected in '{directory}'; cannot enforce a clean repository (-e/--enforce_clean)");
        if (repository.Dirty)
        {
            throw new CommandFailedException($"uncommitted changes in the git repository '{repository.Url}' (-e/--enforce_clean)");
        }
    }

    private static RunInterrupt? Interrupt(Exception e) => e switch
    {
        RunInterrupt interrupt => interrupt,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(Interrupt).FirstOrDefault(i => i is not null),
        _ => null,
    };

    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException
        || (e is AggregateException aggregate && aggregate.Flatten().InnerExceptions.All(IsCancellation));
}
