using System;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Sacred.Running;

/// <summary>
/// Runs a command on a thread of its own, with <see cref="Run.Current"/> set to its run for exactly that long, so
/// that the caller can stop waiting for a command that ignores its cancellation. The thread is a background thread:
/// a command left behind never keeps the process alive once the entry point has returned.
/// </summary>
internal sealed class CommandThread
{
    /// <summary>The stack the main thread has under Linux's default limit; training code may recurse deeply.</summary>
    private const int StackSize = 8 * 1024 * 1024;

    private readonly ManualResetEventSlim _done = new();
    private ConfigNode? _result;
    private ExceptionDispatchInfo? _failure;

    private CommandThread()
    {
    }

    /// <summary>Starts <paramref name="invoke"/> on a new thread with the caller's culture and <paramref name="run"/> as the current run.</summary>
    public static CommandThread Start(Run run, Func<ConfigNode?> invoke)
    {
        var command = new CommandThread();
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var thread = new Thread(
            () =>
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
                Run.Current = run;
                try
                {
                    command._result = invoke();
                }
                catch (Exception e)
                {
                    command._failure = ExceptionDispatchInfo.Capture(e);
                }
                finally
                {
                    Run.Current = null;
                    command._done.Set();
                }
            },
            StackSize)
        {
            IsBackground = true,
            Name = "sacred-command",
        };
        thread.Start();
        return command;
    }

    /// <summary>Waits for the command to end; false when <paramref name="stop"/> was set first.</summary>
    public bool WaitUnless(WaitHandle stop) =>
        _done.IsSet || WaitHandle.WaitAny([_done.WaitHandle, stop]) == 0 || _done.IsSet;

    /// <summary>The command's return value, or its exception rethrown with its original stack trace.</summary>
    public ConfigNode? Result()
    {
        _failure?.Throw();
        return _result;
    }
}
