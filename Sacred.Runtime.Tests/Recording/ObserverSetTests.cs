using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Logging;
using Sacred.Metrics;
using Sacred.Recording;
using Xunit;

namespace Sacred.Runtime.Tests.Recording;

public sealed class ObserverSetTests
{
    private static readonly ConfigNode Empty = new ConfigObjectBuilder().Build();

    [Fact]
    public void Highest_priority_fixes_the_id_and_the_others_receive_it()
    {
        var low = new RecordingObserver("low", 10, id: "low-id");
        var high = new RecordingObserver("high", 50, id: "7");
        var set = new ObserverSet([low, high], Sink(new StringWriter()), "exp");

        var id = set.Started(Start());

        Assert.Equal("7", id);
        Assert.Null(high.StartedWith);
        Assert.Equal("7", low.StartedWith);
    }

    [Fact]
    public void A_failed_heartbeat_is_reported_once_and_resent_merged_with_the_next_one()
    {
        var flaky = new RecordingObserver("flaky", 20) { FailHeartbeats = 2 };
        var log = new StringWriter();
        var set = new ObserverSet([flaky], Sink(log), "exp");
        set.Started(Start());

        set.Heartbeat(Beat("a\n", [0, 1]));
        set.Heartbeat(Beat("b\n", [2]));
        set.Heartbeat(Beat("c\n", [3, 4]));

        var delivered = Assert.Single(flaky.Beats);
        Assert.Equal("a\nb\nc\n", delivered.Output);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, delivered.Metrics.Single().Steps.ToArray());
        Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("flaky", StringComparison.Ordinal));
    }

    [Fact]
    public void An_observer_that_never_recovers_does_not_stop_the_others_and_the_loss_is_summarized()
    {
        var broken = new RecordingObserver("broken", 30) { FailHeartbeats = int.MaxValue, FailEnd = true };
        var healthy = new RecordingObserver("healthy", 20);
        var log = new StringWriter();
        var set = new ObserverSet([broken, healthy], Sink(log), "exp");
        set.Started(Start());

        set.Heartbeat(Beat("x\n", [0]));
        set.Ended(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, null, null));
        set.CloseAll();

        Assert.Single(healthy.Beats);
        Assert.Equal(RunStatus.Completed, healthy.Ended!.Status);
        Assert.Contains("The observer 'broken' lost data: 1 metric points and 2 characters of output; the final status COMPLETED.", log.ToString());
    }

    [Fact]
    public void A_start_one_observer_cannot_record_is_undone_in_those_before_it_and_never_sent_to_those_after()
    {
        var first = new RecordingObserver("first", 50, id: "3");
        var failing = new RecordingObserver("failing", 30) { FailStart = true };
        var last = new RecordingObserver("last", 20);
        var set = new ObserverSet([first, failing, last], Sink(new StringWriter()), "exp");

        var error = Assert.Throws<ObserverUnavailableException>(() => set.Started(Start()));

        Assert.Contains("failing: could not record the start: disk full", error.Message);
        Assert.Equal(error.Message[..error.Message.IndexOf("; nothing ran", StringComparison.Ordinal)], first.AbandonedBecause);
        Assert.Null(first.Ended);
        Assert.False(last.WasStarted);
        Assert.True(set.Heartbeat(Beat("", [0])));
        Assert.Empty(first.Beats);
    }

    [Fact]
    public void A_run_a_shared_queue_took_waits_there_only_and_the_embedded_store_keeps_no_copy_a_local_worker_would_run()
    {
        using var temp = new TempFiles();
        var store = new Sacred.Observers.EmbeddedStoreObserver(temp.Directory);
        var mongo = new SharedQueue("MongoDB db1:27017/lab/runs", id: "41");
        var log = new StringWriter();
        var set = new ObserverSet([store, mongo], Sink(log), "exp");
        set.OpenAll();

        var id = set.Queued(Start());
        set.CloseAll();

        Assert.Equal("41", id);
        Assert.Equal("", log.ToString());
        using var runs = Sacred.Storage.Reading.RunStore.Open(temp.Directory);
        Assert.Equal(0, runs.ListRuns(new Sacred.Storage.Reading.RunQuery()).TotalCount);
    }

    [Fact]
    public void A_run_the_shared_queue_could_not_take_stays_queued_in_the_embedded_store()
    {
        using var temp = new TempFiles();
        var store = new Sacred.Observers.EmbeddedStoreObserver(temp.Directory);
        var away = new SharedQueue("MongoDB db1:27017/lab/runs", id: null);
        var set = new ObserverSet([store, away], Sink(new StringWriter()), "exp");
        set.OpenAll();

        var id = set.Queued(Start());
        set.CloseAll();

        Assert.Equal("1", id);
        using var runs = Sacred.Storage.Reading.RunStore.Open(temp.Directory);
        Assert.Equal("QUEUED", runs.GetRun(1)!.Summary.Status);
    }

    [Fact]
    public void An_observer_that_cannot_undo_its_start_records_the_run_as_failed_by_default()
    {
        IRunObserver observer = new DefaultUndoObserver();

        observer.AbandonStart("file storage /x: run directory '/x/1' already exists");

        var ended = ((DefaultUndoObserver)observer).Ended!;
        Assert.Equal("FAILED", ended.Status);
        Assert.Equal(["file storage /x: run directory '/x/1' already exists\n"], ended.FailTrace);
    }

    private static LogSink Sink(TextWriter writer) => new(writer, 20);

    private static HeartbeatEvent Beat(string output, long[] steps) =>
        new(DateTime.UtcNow, Empty, null, output, steps.Length == 0 ? [] : [new MetricBatch("loss", steps, steps.Select(s => (double)s).ToArray(), steps)], false);

    private static RunStartedEvent Start() => new(
        null,
        "train",
        new ExperimentInfo("exp", "/src", "Exp.cs", [], [], []),
        new HostInfo("box", ["Linux", "x"], null, null, "10.0", new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
        DateTime.UtcNow,
        Empty,
        new ConfigModifications([], [], []),
        new MetaInfo("train", Empty, null, [], Empty, null),
        1);

    private sealed class RecordingObserver(string name, int priority, string? id = null) : IRunObserver
    {
        public int FailHeartbeats { get; set; }

        public bool FailEnd { get; set; }

        public bool FailStart { get; set; }

        public string? StartedWith { get; private set; }

        public List<HeartbeatEvent> Beats { get; } = new();

        public RunEndedEvent? Ended { get; private set; }

        public string Name => name;

        public int Priority => priority;

        public void Open()
        {
        }

        public string? QueuedEvent(RunStartedEvent run) => id;

        public string? StartedEvent(RunStartedEvent run)
        {
            if (FailStart)
            {
                throw new IOException("disk full");
            }

            StartedWith = run.Id;
            WasStarted = true;
            return run.Id ?? id;
        }

        public bool WasStarted { get; private set; }

        public string? AbandonedBecause { get; private set; }

        public void AbandonStart(string reason) => AbandonedBecause = reason;

        public void HeartbeatEvent(HeartbeatEvent beat)
        {
            if (FailHeartbeats-- > 0)
            {
                throw new IOException("database is locked");
            }

            Beats.Add(beat);
        }

        public void ArtifactEvent(ArtifactEvent artifact)
        {
        }

        public void ResourceEvent(ResourceEvent resource)
        {
        }

        public void EndedEvent(RunEndedEvent end)
        {
            if (FailEnd)
            {
                throw new IOException("gone");
            }

            Ended = end;
        }

        public void Close()
        {
        }
    }

    /// <summary>Stands for MongoDB's observer: a queue that workers of any machine claim from.</summary>
    private sealed class SharedQueue(string name, string? id) : ISharedQueueObserver
    {
        public string Name => name;

        public int Priority => 30;

        public void Open()
        {
        }

        public string? QueuedEvent(RunStartedEvent run) => id;

        public string? StartedEvent(RunStartedEvent run) => id;

        public void HeartbeatEvent(HeartbeatEvent beat)
        {
        }

        public void ArtifactEvent(ArtifactEvent artifact)
        {
        }

        public void ResourceEvent(ResourceEvent resource)
        {
        }

        public void EndedEvent(RunEndedEvent end)
        {
        }

        public void Close()
        {
        }
    }

    /// <summary>An observer that keeps IRunObserver's default undo.</summary>
    private sealed class DefaultUndoObserver : IRunObserver
    {
        public RunEndedEvent? Ended { get; private set; }

        public string Name => "default";

        public int Priority => 0;

        public void Open()
        {
        }

        public string? QueuedEvent(RunStartedEvent run) => null;

        public string? StartedEvent(RunStartedEvent run) => null;

        public void HeartbeatEvent(HeartbeatEvent beat)
        {
        }

        public void ArtifactEvent(ArtifactEvent artifact)
        {
        }

        public void ResourceEvent(ResourceEvent resource)
        {
        }

        public void EndedEvent(RunEndedEvent end) => Ended = end;

        public void Close()
        {
        }
    }
}
