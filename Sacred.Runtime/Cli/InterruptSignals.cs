using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Sacred.Cli;

/// <summary>
/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a cancellation the running command can observe; a second
/// signal terminates the process as usual.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration? _interrupt;
    private readonly PosixSignalRegistration? _terminate;

    public InterruptSignals()
    {
        _interrupt = TryRegister(PosixSignal.SIGINT);
        _terminate = TryRegister(PosixSignal.SIGTERM);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _interrupt?.Dispose();
        _terminate?.Dispose();
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
        if (_source.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _source.Cancel();
    }
}
