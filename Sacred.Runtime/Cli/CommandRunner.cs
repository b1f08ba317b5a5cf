using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using Sacred.Capture;
using Sacred.Configuration;
using Sacred.Logging;
using Sacred.Observers;
using Sacred.Running;

namespace Sacred.Cli;

/// <summary>
/// Runs the main function or an experiment command as a recorded <see cref="Sacred.Run"/>: observers opened
/// before anything starts, output captured, heartbeats, and the final status written after every point and
/// every line of output. Sacred's log lines (Running command, Started run with ID, Result, Completed/Failed/
/// Aborted after H:MM:SS) and exit codes 0 completed, 1 failed, 130 interrupted.
/// </summary>
internal static class CommandRunner
{
    public const int Interrupted = 130;

    /// <summary>How long an interrupted command may take to stop by itself before the run is ended for it.</summary>
    public const string GraceVariable = "SACRED_INTERRUPT_GRACE_SECONDS";

    public static int Execute<TState>(
        ExperimentDefinition<TState> definition, CommandInfo command, ConfigBuildResult<TState> config, RunOptions options, HostEnvironment host, LogSink sink)
        where TState : class
    {
        var name = options.Name ?? definition.Name;
        var observers = new ObserverSet(ObserverFactory.Create(options), sink, name);
        var started = RunStartedEventFactory.Create(definition, name, command, config, options);
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
            var queuedId = observers.Queued(started);
            observers.CloseAll();
            sink.Write(LogLevel.Information, name, queuedId is null ? $"Queuing-up command '{command.Name}'" : $"Queued-up run with ID \"{queuedId}\"");
            return 0;
        }

        var run = new Run(name, command.Name, config.Config, options, config.Seed, sink, host.Interrupted) { Observers = observers, ConfigState = config.State };
        var capture = OutputCapture.Start(options.Capture ?? (observers.Count == 0 ? CaptureMode.No : host.DefaultCapture));
        sink.Write(LogLevel.Information, name, $"Running command '{command.Name}'");
        run.Id = observers.Started(started);
        sink.Write(LogLevel.Information, name, run.Id is null ? "Started" : $"Started run with ID \"{run.Id}\"");
        var recorder = new RunRecorder(observers, run.Metrics, capture, run.Info, () => run.Result, TimeSpan.FromSeconds(options.BeatInterval ?? 10));
        recorder.StartHeartbeats();
        var clock = Stopwatch.StartNew();
        using var hardStop = HardStop(host, recorder, sink, name, clock);
        var previous = Run.Current;
        Run.Current = run;
        try
        {
            // A void command keeps the result its code set during the run (Sacred's _run.result).
            run.Result = definition.Invoke(command.Name, config.State, run) ?? run.Result;
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
            var trace = e.ToString().ReplaceLineEndings("\n");
            host.Error.Write(trace + "\n");
            recorder.Finish(RunStatus.Failed, null, FailTrace(trace));
            if (options.Debug)
            {
                throw;
            }

            return 1;
        }
        finally
        {
            Run.Current = previous;
        }
    }

    /// <summary>
    /// After the first Ctrl-C/SIGTERM the command gets a grace period to stop by itself; after it, or at a
    /// second signal, the run is recorded as INTERRUPTED (every point and line so far) and the process exits 130.
    /// </summary>
    private static IDisposable HardStop(HostEnvironment host, RunRecorder recorder, LogSink sink, string name, Stopwatch clock)
    {
        var grace = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable(GraceVariable), System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 10);
        Timer? timer = null;
        void Stop()
        {
            sink.Write(LogLevel.Warning, name, $"Aborted after {ElapsedTime.Format(clock.Elapsed)}! (the command did not stop by itself)");
            if (recorder.Finish(RunStatus.Interrupted, null, null))
            {
                Environment.Exit(Interrupted);
            }
        }

        var registration = host.Interrupted.Register(() => timer = new Timer(_ => Stop(), null, grace, Timeout.InfiniteTimeSpan));
        Action second = Stop;
        if (host.Signals is { } signals)
        {
            signals.SecondSignal += second;
        }

        return new Disposer(() =>
        {
            registration.Dispose();
            timer?.Dispose();
            if (host.Signals is { } signals)
            {
                signals.SecondSignal -= second;
            }
        });
    }

    private static string[] FailTrace(string trace) =>
        trace.Split('\n').Select(line => line + "\n").ToArray();

    private static RunInterrupt? Interrupt(Exception e) => e switch
    {
        RunInterrupt interrupt => interrupt,
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(Interrupt).FirstOrDefault(i => i is not null),
        _ => null,
    };

    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException
        || (e is AggregateException aggregate && aggregate.Flatten().InnerExceptions.All(IsCancellation));

    private sealed class Disposer(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
