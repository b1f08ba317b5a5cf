using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Sacred.Board.Api;
using Sacred.Recording;
using Sacred.Storage.Reading;

namespace Sacred.Board.Live;

/// <summary>
/// Polls the store once per tick for every subscriber together (<see cref="RunStore.ReadLiveStates"/>: active runs,
/// new runs, runs that were active) and hands each subscriber the changes. It polls only while someone listens; the
/// first subscriber after a pause reads a fresh baseline, so it is not sent what changed while nobody watched.
/// </summary>
internal sealed class RunChangeFeed : IDisposable
{
    private readonly RunStore _store;
    private readonly TimeSpan _deadAfter;
    private readonly TimeSpan _interval;
    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _lock = new();
    private Dictionary<long, RunChangeDto> _watched = [];
    private long _maxId = -1;
    private Task? _loop;

    public RunChangeFeed(RunStore store, TimeSpan deadAfter, TimeSpan interval)
    {
        _store = store;
        _deadAfter = deadAfter;
        _interval = interval;
    }

    /// <summary>The largest run id at the last tick.</summary>
    public long MaxId
    {
        get
        {
            lock (_lock)
            {
                return _maxId;
            }
        }
    }

    /// <summary>Starts listening; dispose the subscription to stop. Reads a baseline first when the feed was idle.</summary>
    public Subscription Subscribe()
    {
        var subscription = new Subscription(this);
        lock (_lock)
        {
            if (_loop is null)
            {
                Tick(emit: false);
                _subscribers.TryAdd(subscription, 0);
                _loop = Task.Run(Loop);
            }
            else
            {
                _subscribers.TryAdd(subscription, 0);
            }
        }

        return subscription;
    }

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Complete();
        }

        _stop.Dispose();
    }

    private async Task Loop()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                lock (_lock)
                {
                    if (_subscribers.IsEmpty)
                    {
                        _loop = null;
                        return;
                    }

                    try
                    {
                        Tick(emit: true);
                    }
                    catch (Storage.StoreException)
                    {
                        // A store busy or briefly unreadable: the next tick reads again.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One query; what differs from the last tick goes to every subscriber. Called under the lock.</summary>
    private void Tick(bool emit)
    {
        var previous = _watched;
        var (maxId, runs) = _store.ReadLiveStates(Math.Max(_maxId, 0), previous.Keys);
        var now = DateTime.UtcNow;
        var watched = new Dictionary<long, RunChangeDto>(runs.Count);
        var changed = new List<RunChangeDto>();
        foreach (var run in runs)
        {
            var state = ToDto(run, now);
            if (run.Status is RunStatus.Running or RunStatus.Queued)
            {
                watched[run.Id] = state;
            }

            if (!previous.TryGetValue(run.Id, out var before) || !SameState(before, state))
            {
                changed.Add(state);
            }
        }

        var grew = maxId != _maxId;
        _watched = watched;
        _maxId = maxId;
        if (!emit || (changed.Count == 0 && !grew))
        {
            return;
        }

        var message = new RunChangesDto(maxId, changed);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Post(message);
        }
    }

    private static bool SameState(RunChangeDto a, RunChangeDto b) =>
        a.Status == b.Status && a.Heartbeat == b.Heartbeat && a.Stop == b.Stop && a.OutputChars == b.OutputChars;

    private RunChangeDto ToDto(RunLiveState run, DateTime now)
    {
        var status = run.Status;
        var last = run.Heartbeat ?? run.StartTime;
        if (status == RunStatus.Running && last is { } beat && now - beat > _deadAfter)
        {
            status = EffectiveStatus.ProbablyDead;
        }

        TimeSpan? duration = run.StartTime is not { } start ? null
            : run.StopTime is { } stop ? stop - start
            : status == EffectiveStatus.ProbablyDead ? (run.Heartbeat is { } h ? h - start : null)
            : now - start;
        return new RunChangeDto(run.Id, status, run.Heartbeat, run.StopTime, duration?.TotalMilliseconds, run.OutputChars);
    }

    /// <summary>One listener's queue of changes; old messages are dropped if it falls far behind.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly RunChangeFeed _feed;
        private readonly Channel<RunChangesDto> _channel = Channel.CreateBounded<RunChangesDto>(
            new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        internal Subscription(RunChangeFeed feed) => _feed = feed;

        public ChannelReader<RunChangesDto> Reader => _channel.Reader;

        internal void Post(RunChangesDto message) => _channel.Writer.TryWrite(message);

        internal void Complete() => _channel.Writer.TryComplete();

        public void Dispose()
        {
            _feed._subscribers.TryRemove(this, out _);
            Complete();
        }
    }
}
