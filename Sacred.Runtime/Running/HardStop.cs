using System;
using System.Globalization;
using System.Threading;

namespace Sacred.Running;

/// <summary>
/// After the first Ctrl-C/SIGTERM (or the embedding caller's cancellation) a command gets a grace period to stop by
/// itself; when it has not stopped at the end of it, or at a second signal, <see cref="Requested"/> is set and the
/// run is ended for it as INTERRUPTED.
/// </summary>
internal sealed class HardStop : IDisposable
{
    /// <summary>How long an interrupted command may take to stop by itself, in seconds (default 10).</summary>
    public const string GraceVariable = "SACRED_INTERRUPT_GRACE_SECONDS";

    private readonly ManualResetEvent _requested = new(false);
    private readonly CancellationTokenRegistration _registration;
    private readonly InterruptSignals? _signals;
    private readonly Lock _gate = new();
    private Timer? _timer;
    private bool _disposed;

    public HardStop(HostEnvironment host)
    {
        var grace = TimeSpan.FromSeconds(
            double.TryParse(Environment.GetEnvironmentVariable(GraceVariable), CultureInfo.InvariantCulture, out var seconds) ? seconds : 10);
        _registration = host.Interrupted.Register(() =>
        {
            lock (_gate)
            {
                if (!_disposed)
                {
                    _timer = new Timer(_ => Request(), null, grace, Timeout.InfiniteTimeSpan);
                }
            }
        });
        _signals = host.Signals;
        if (_signals is not null)
        {
            _signals.SecondSignal += Request;
        }
    }

    /// <summary>Set when the run must end without waiting for the command any longer.</summary>
    public WaitHandle Requested => _requested;

    public void Dispose()
    {
        _registration.Dispose();
        if (_signals is not null)
        {
            _signals.SecondSignal -= Request;
        }

        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _requested.Dispose();
        }
    }

    private void Request()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _requested.Set();
            }
        }
    }
}
