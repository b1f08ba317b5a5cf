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
            // A producer still logging (an interrupt finishes the run while main runs) must not wait for room
            // that the stopped heartbeat thread would have made.
            _metrics.DetachConsumer();
            _wake.Set();
            if (_thread is { } thread && thread != Thread.CurrentThread)
            {
                thread.Join(TimeSpan.FromSeconds(30));
            }

            var output = _capture.Stop();
            for (var round = 0; round <= MetricsBuffer.MaxPendingThresholds && Beat(string.Empty, isFinal: false); round++)
            {
                // Whole drains of the backlog first, so the final heartbeat's arrays stay bounded too. At most as
                // many as the bound lets wait: a thread still logging (an interrupted run) must not keep Finish going.
            }

            Beat(output, isFinal: true);
            _observers.Ended(new RunEndedEvent(DateTime.UtcNow, status, result, failTrace));
            _observers.CloseAll();
            return true;
        }
    }

    private void Loop()
    {
        // Anchoring the metric clock waits for the tick count's next tick (up to 4 ms): here, not on the run's
        // thread before main starts.
        MetricClock.Prepare();
        var backlog = false;
        while (!_stopping)
        {
            if (!backlog)
            {
                _wake.WaitOne(_interval ?? Timeout.InfiniteTimeSpan);
            }

            if (_stopping)
            {
                return;
            }

            // A backlog (logging outran the store) is drained in bounded heartbeats, back to back; each one frees
            // chunks for the producers as soon as it has copied their points.
            backlog = Beat(backlog ? string.Empty : _capture.TakeCompletedLines(), isFinal: false);
        }
    }

    // Returns whether whole chunks of points are left to drain.
    private bool Beat(string output, bool isFinal)
    {
        lock (_beatGate)
        {
            var metrics = _metrics.Drain(isFinal ? int.MaxValue : _metrics.FlushThreshold);
            var backlog = !isFinal && _metrics.HasBacklog;
            if (_observers.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, _info.ToNode(), _result(), output, metrics, isFinal)))
            {
                // Every observer has written the points: their pooled arrays can take the next drain's.
                MetricsBuffer.Return(metrics);
            }

            return backlog;
        }
    }
}
