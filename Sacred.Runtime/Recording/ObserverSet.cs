using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using Sacred.Logging;
using Sacred.Metrics;

namespace Sacred.Recording;

/// <summary>
/// Sends a run's events to its observers in priority order. The first observer that returns an id fixes the
/// run's id. A run that one observer cannot start does not start at all (<see cref="Started"/> throws, and the
/// observers that had started undo it). After the start, an observer's failure is reported once and never stops the run or the other
/// observers: a heartbeat it could not take is kept and re-sent, merged, with the next one, so a transient
/// failure (a locked database, a full disk freed later) loses nothing. What is still unsent at the end is
/// reported in a summary.
/// </summary>
internal sealed class ObserverSet
{
    /// <summary>The most metric points kept for an observer that keeps failing (about 1.2 GB as arrays).</summary>
    public const long MaxPendingPoints = 50_000_000;

    private readonly object _gate = new();
    private readonly List<Entry> _entries;
    private readonly LogSink _log;
    private readonly string _category;
    private readonly long _maxPendingPoints;

    /// <param name="observers">The run's observers, in any order.</param>
    /// <param name="log">Where failures and the end-of-run loss summary are written.</param>
    /// <param name="category">The log category (the experiment's name).</param>
    /// <param name="maxPendingPoints">The most metric points held for an observer that keeps failing; beyond it they
    /// are dropped and named in the summary (<see cref="MaxPendingPoints"/>; smaller only in tests).</param>
    public ObserverSet(IEnumerable<IRunObserver> observers, LogSink log, string category, long maxPendingPoints = MaxPendingPoints)
    {
        _entries = observers.OrderByDescending(o => o.Priority).Select(o => new Entry(o)).ToList();
        _log = log;
        _category = category;
        _maxPendingPoints = maxPendingPoints;
    }

    public int Count => _entries.Count;

    /// <summary>Opens every observer; the first that cannot record stops everything before the run starts.</summary>
    public void OpenAll()
    {
        foreach (var entry in _entries)
        {
            entry.Observer.Open();
        }
    }

    /// <summary>
    /// Queues the run with every observer. Where an observer whose queue spans machines (<see cref="ISharedQueueObserver"/>)
    /// took it, the embedded store's copy is removed again, so that the run waits in one queue only and no worker
    /// runs it twice; its id is then that observer's.
    /// </summary>
    public string? Queued(RunStartedEvent run)
    {
        var id = Start(run, queued: true);
        lock (_gate)
        {
            var shared = _entries.FirstOrDefault(e => e.Started && e.Returned is not null && e.Observer is ISharedQueueObserver);
            if (shared is null)
            {
                return id;
            }

            foreach (var local in _entries.Where(e => e.Started && e.Observer is Observers.EmbeddedStoreObserver))
            {
                local.Started = false;
                if (!TryCall(local, "handing the queued run to " + shared.Observer.Name, () => local.Observer.AbandonStart("queued in " + shared.Observer.Name)))
                {
                    // Said at the end: the run now waits in two queues, and a worker of this machine may run it again.
                    local.Lost.Add($"the removal of its copy of the queued run {local.Returned}, which {shared.Observer.Name} holds as {shared.Returned}: delete it, or a worker of this machine may run it a second time");
                }
            }

            return shared.Returned;
        }
    }

    public string? Started(RunStartedEvent run) => Start(run, queued: false);

    /// <summary>Sends a heartbeat; true when every observer took it, so nothing still refers to its arrays.</summary>
    public bool Heartbeat(HeartbeatEvent beat)
    {
        lock (_gate)
        {
            var retained = false;
            foreach (var entry in _entries.Where(e => e.Started))
            {
                var combined = entry.Pending is null ? beat : Merge(entry.Pending, beat);
                if (TryCall(entry, "heartbeat", () => entry.Observer.HeartbeatEvent(combined)))
                {
                    entry.Pending = null;
                }
                else
                {
                    entry.Pending = Bound(entry, combined);
                    retained = true;
                }
            }

            return !retained;
        }
    }

    public void Artifact(ArtifactEvent artifact) => SafeEach("artifact", o => o.ArtifactEvent(artifact), $"artifact '{artifact.Name}'");

    public void Resource(ResourceEvent resource) => SafeEach("resource", o => o.ResourceEvent(resource), $"resource '{resource.Path}'");

    /// <summary>Sends the end; a failure is retried a few times (Sacred retries a completed event 10 times).</summary>
    public void Ended(RunEndedEvent end)
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Where(e => e.Started))
            {
                var sent = false;
                for (var attempt = 0; attempt < 5 && !sent; attempt++)
                {
                    if (entry.Pending is { } pending && TryCall(entry, "heartbeat", () => entry.Observer.HeartbeatEvent(pending)))
                    {
                        entry.Pending = null;
                    }

                    sent = entry.Pending is null && TryCall(entry, "end", () => entry.Observer.EndedEvent(end));
                    if (!sent)
                    {
                        System.Threading.Thread.Sleep(100 * (attempt + 1));
                    }
                }

                if (entry.Pending is { } lost)
                {
                    entry.Lost.Add($"{lost.Metrics.Sum(m => (long)m.Count)} metric points and {lost.Output.Length} characters of output");
                }

                if (!sent)
                {
                    entry.Lost.Add($"the final status {end.Status}");
                }
            }
        }
    }

    public void CloseAll()
    {
        lock (_gate)
        {
            foreach (var entry in _entries)
            {
                TryCall(entry, "close", () => entry.Observer.Close());
            }

            foreach (var entry in _entries.Where(e => e.Lost.Count > 0))
            {
                _log.Write(LogLevel.Error, _category, $"The observer '{entry.Observer.Name}' lost data: {string.Join("; ", entry.Lost)}.");
            }
        }
    }

    /// <summary>
    /// Starts the run with every observer, in priority order. A run that any observer cannot record does not
    /// execute (nothing runs unrecorded; <c>-u</c> is the way to run unobserved): at the first failure the
    /// observers after it are never called, those before it are asked to undo their start, and the failure is thrown.
    /// </summary>
    /// <exception cref="ObserverUnavailableException">An observer could not record the start.</exception>
    private string? Start(RunStartedEvent run, bool queued)
    {
        lock (_gate)
        {
            var id = run.Id;
            var started = new List<Entry>();
            foreach (var entry in _entries)
            {
                try
                {
                    var given = run with { Id = id };
                    var returned = queued ? entry.Observer.QueuedEvent(given) : entry.Observer.StartedEvent(given);
                    id ??= returned;
                    entry.Returned = returned;
                    entry.Started = true;
                    started.Add(entry);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    var reason = e is ObserverUnavailableException ? e.Message : $"{entry.Observer.Name}: could not record the start: {e.Message}";
                    started.Reverse();
                    foreach (var done in started)
                    {
                        done.Started = false;
                        if (!TryCall(done, "undoing the start", () => done.Observer.AbandonStart(reason)))
                        {
                            done.Lost.Add("undoing the start of a run that did not execute");
                        }
                    }

                    throw new ObserverUnavailableException(reason.TrimEnd('.') + "; nothing ran", e);
                }
            }

            return id;
        }
    }

    private void SafeEach(string what, Action<IRunObserver> call, string description)
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Where(e => e.Started))
            {
                if (!TryCall(entry, what, () => call(entry.Observer)))
                {
                    entry.Lost.Add(description);
                }
            }
        }
    }

    private bool TryCall(Entry entry, string what, Action call)
    {
        try
        {
            call();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!entry.Warned)
            {
                entry.Warned = true;
                _log.Write(LogLevel.Warning, _category, $"An error occurred in the '{entry.Observer.Name}' observer ({what}): {e.Message}. The run goes on; it retries at the next heartbeat.");
            }

            return false;
        }
    }

    private static HeartbeatEvent Merge(HeartbeatEvent older, HeartbeatEvent newer)
    {
        var metrics = new List<MetricBatch>();
        foreach (var group in older.Metrics.Concat(newer.Metrics).GroupBy(m => m.Name))
        {
            var parts = group.ToList();
            metrics.Add(parts.Count == 1 ? parts[0] : new MetricBatch(
                group.Key,
                parts.SelectMany(p => p.Steps.ToArray()).ToArray(),
                parts.SelectMany(p => p.Values.ToArray()).ToArray(),
                parts.SelectMany(p => p.TimestampsMs.ToArray()).ToArray()));
        }

        return newer with { Output = older.Output + newer.Output, Metrics = metrics };
    }

    private HeartbeatEvent Bound(Entry entry, HeartbeatEvent pending)
    {
        var points = pending.Metrics.Sum(m => (long)m.Count);
        if (points <= _maxPendingPoints)
        {
            return pending;
        }

        entry.Lost.Add($"{points} metric points held while it failed");
        return pending with { Metrics = [] };
    }

    private sealed class Entry
    {
        public Entry(IRunObserver observer) => Observer = observer;

        public IRunObserver Observer { get; }

        public bool Started { get; set; }

        /// <summary>The id this observer gave the run, or null.</summary>
        public string? Returned { get; set; }

        public bool Warned { get; set; }

        public HeartbeatEvent? Pending { get; set; }

        public List<string> Lost { get; } = new();
    }
}
