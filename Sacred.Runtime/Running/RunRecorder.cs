using System;
using System.Collections.Generic;
using System.Threading;
using Sacred.Capture;
using Sacred.Metrics;
using Sacred.Recording;

namespace Sacred.Running;

/// <summary>
/// Drives one started run's recording: a background thread sends a heartbeat every beat interval (and early
/// when the metrics buffer asks to be drained), and <see cref="Finish"/> stops it, sends a final heartbeat with
/// every remaining point and all output to the very end, then the end event.
/// </summary>
internal sealed class RunRecorder
{
    private readonly ObserverSet _observers;
    private readonly MetricsBuffer _metrics;
    private readonly OutputCapture _capture;
    private readonly RunInfo _info;
    private readonly Func<ConfigNode?> _result;
    private readonly TimeSpan? _interval;
    private readonly AutoResetEvent _wake = new(false);
    private readonly object _beatGate = new();
    private readonly object _finishGate = new();
    private bool _finished;
    private volatile bool _stopping;
    private Thread? _thread;

    public RunRecorder(ObserverSet observers, MetricsBuffer metrics, OutputCapture capture, RunInfo info, Func<ConfigNode?> result, TimeSpan? interval)
    {
        _observers = observers;
        _metrics = metrics;
        _capture = capture;
        _info = info;
        _result = result;
        _interval = interval is { } value && value > TimeSpan.Zero ? value : null;
        _metrics.SetFlushRequest(() => _wake.Set());
    }

    public void StartHeartbeats()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "sacred-heartbeat" };
        _thread.Start();
    }

    /// <summary>
    /// Stops heartbeats, sends everything left, then the end. The first call from any thread wins; a later call
    /// waits for it and returns false.
    /// </summary>
    public bool Finish(string status, ConfigNode? result, IReadOnlyList<string>? failTrace)
    {
        lock (_finishGate)
        {
            if (_finished)
            {
                return false;
            }

            _finished = true;
            _stopping = true;
            _wake.Set();
            if (_thread is { } thread && thread != Thread.CurrentThread)
            {
                thread.Join(TimeSpan.FromSeconds(30));
            }

            var output = _capture.Stop();
            Beat(output, isFinal: true);
            _observers.Ended(new RunEndedEvent(DateTime.UtcNow, status, result, failTrace));
            _observers.CloseAll();
            return true;
        }
    }

    private void Loop()
    {
        while (!_stopping)
        {
            var timeout = _interval ?? Timeout.InfiniteTimeSpan;
            _wake.WaitOne(timeout);
            if (_stopping)
            {
                return;
            }

            Beat(_capture.TakeCompletedLines(), isFinal: false);
        }
    }

    private void Beat(string output, bool isFinal)
    {
        lock (_beatGate)
        {
            var metrics = _metrics.Drain();
            if (_observers.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, _info.ToNode(), _result(), output, metrics, isFinal)))
            {
                // Every observer has written the points: their pooled arrays can take the next drain's.
                MetricsBuffer.Return(metrics);
            }
        }
    }
}
