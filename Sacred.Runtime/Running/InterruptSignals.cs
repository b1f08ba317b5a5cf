using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Sacred.Running;

/// <summary>
/// Turns the first Ctrl-C (SIGINT), SIGTERM or SIGHUP (the terminal was closed, an ssh session dropped) into a
/// cancellation the running command can observe. A second signal raises <see cref="SecondSignal"/> so that a run
/// whose command ignores the first can be ended for it; with no handler it terminates the process as usual.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration? _interrupt;
    private readonly PosixSignalRegistration? _terminate;
    private readonly PosixSignalRegistration? _hangUp;

    public InterruptSignals()
    {
        _interrupt = TryRegister(PosixSignal.SIGINT);
        _terminate = TryRegister(PosixSignal.SIGTERM);
        _hangUp = TryRegister(PosixSignal.SIGHUP);
    }

    /// <summary>Raised, on a signal-handling thread, when a signal arrives after the first.</summary>
    public event Action? SecondSignal;

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _interrupt?.Dispose();
        _terminate?.Dispose();
        _hangUp?.Dispose();
        _source.Dispose();
    }

    private PosixSignalRegistration? TryRegister(PosixSignal signal)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, OnSignal);
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (!_source.IsCancellationRequested)
        {
            context.Cancel = true;
            _source.Cancel();
            return;
        }

        if (SecondSignal is { } handler)
        {
            context.Cancel = true;
            handler();
        }
    }
}
