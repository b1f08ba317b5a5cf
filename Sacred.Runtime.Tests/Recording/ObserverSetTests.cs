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

    [Fact]
    public void A_heartbeat_resent_after_a_failure_is_not_sent_a_third_time_and_its_arrays_are_held_only_while_unsent()
    {
        var flaky = new RecordingObserver("flaky", 20) { FailHeartbeats = 1 };
        var set = new ObserverSet([flaky], Sink(new StringWriter()), "exp");
        set.Started(Start());

        // false: the observer still holds this beat's arrays, so the caller must not reuse them.
        Assert.False(set.Heartbeat(Beat("a\n", [0, 1])));
        Assert.True(set.Heartbeat(Beat("b\n", [2])));
        Assert.True(set.Heartbeat(Beat("c\n", [3])));

        Assert.Equal(["a\nb\n", "c\n"], flaky.Beats.Select(b => b.Output));
        Assert.Equal(new long[] { 3 }, flaky.Beats[1].Metrics.Single().Steps.ToArray());
    }

    [Fact]
    public void An_artifact_or_resource_an_observer_could_not_take_is_named_in_the_loss_summary()
    {
        var broken = new RecordingObserver("files", 30) { FailArtifacts = true };
        var healthy = new RecordingObserver("store", 20);
        var log = new StringWriter();
        var set = new ObserverSet([broken, healthy], Sink(log), "exp");
        set.Started(Start());

        set.Artifact(new ArtifactEvent("model.bin", "/tmp/model.bin", null, null));
        set.Resource(new ResourceEvent("/data/train.csv", "0123456789abcdef0123456789abcdef"));
        set.Ended(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, null, null));
        set.CloseAll();

        Assert.Contains("The observer 'files' lost data: artifact 'model.bin'; resource '/data/train.csv'.", log.ToString());
        Assert.DoesNotContain("'store' lost", log.ToString());
        Assert.Equal(["model.bin", "/data/train.csv"], healthy.Taken);
    }

    [Fact]
    public void The_end_is_tried_five_times_and_a_late_success_loses_nothing()
    {
        var late = new RecordingObserver("late", 20) { FailEnds = 4 };
        var gone = new RecordingObserver("gone", 10) { FailEnds = 5 };
        var log = new StringWriter();
        var set = new ObserverSet([late, gone], Sink(log), "exp");
        set.Started(Start());

        set.Ended(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, null, null));
        set.CloseAll();

        Assert.Equal(RunStatus.Completed, late.Ended!.Status);
        Assert.Null(gone.Ended);
        Assert.DoesNotContain("'late' lost", log.ToString());
        Assert.Contains("The observer 'gone' lost data: the final status COMPLETED.", log.ToString());
    }

    [Fact]
    public void A_failed_start_is_undone_newest_first_and_an_undo_that_fails_is_named_at_the_end()
    {
        var calls = new List<string>();
        var first = new RecordingObserver("first", 50, id: "3", calls) { FailAbandon = true };
        var second = new RecordingObserver("second", 40, calls: calls);
        var failing = new RecordingObserver("failing", 30, calls: calls) { FailStart = true };
        var log = new StringWriter();
        var set = new ObserverSet([first, second, failing], Sink(log), "exp");

        Assert.Throws<ObserverUnavailableException>(() => set.Started(Start()));
        set.CloseAll();

        Assert.Equal(["start first", "start second", "abandon second", "abandon first", "close first", "close second", "close failing"], calls);
        Assert.Contains("The observer 'first' lost data: undoing the start of a run that did not execute.", log.ToString());
    }

    [Fact]
    public void An_observer_that_says_it_is_unavailable_is_quoted_as_it_said_it()
    {
        var away = new RecordingObserver("MongoDB", 30) { Unavailable = "MongoDB localhost:1/sacred: connection refused." };
        var set = new ObserverSet([away], Sink(new StringWriter()), "exp");

        var error = Assert.Throws<ObserverUnavailableException>(() => set.Started(Start()));

        Assert.Equal("MongoDB localhost:1/sacred: connection refused; nothing ran", error.Message);
    }

    [Fact]
    public void Points_held_for_a_failing_observer_beyond_the_cap_are_dropped_and_counted_but_its_output_is_kept()
    {
        var down = new RecordingObserver("down", 20) { FailHeartbeats = 2 };
        var log = new StringWriter();
        var set = new ObserverSet([down], Sink(log), "exp", maxPendingPoints: 4);
        set.Started(Start());

        set.Heartbeat(Beat("a\n", [0, 1]));
        // Three loss points and two accuracy points: five held, one over the cap of four.
        set.Heartbeat(Beat("b\n", [2], accuracy: [0, 1]));
        set.Heartbeat(Beat("c\n", [3]));
        set.Ended(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, null, null));
        set.CloseAll();

        var delivered = Assert.Single(down.Beats);
        Assert.Equal("a\nb\nc\n", delivered.Output);
        Assert.Equal(new long[] { 3 }, delivered.Metrics.Single().Steps.ToArray());
        Assert.Contains("The observer 'down' lost data: 5 metric points held while it failed.", log.ToString());
    }

    [Fact]
    public void Points_up_to_the_cap_are_all_held_and_delivered()
    {
        var down = new RecordingObserver("down", 20) { FailHeartbeats = 2 };
        var log = new StringWriter();
        var set = new ObserverSet([down], Sink(log), "exp", maxPendingPoints: 5);
        set.Started(Start());

        set.Heartbeat(Beat("a\n", [0, 1]));
        set.Heartbeat(Beat("b\n", [2], accuracy: [0, 1]));
        set.Heartbeat(Beat("c\n", [3]));
        set.CloseAll();

        Assert.Equal(new long[] { 0, 1, 2, 3 }, Assert.Single(down.Beats).Metrics.Single(m => m.Name == "loss").Steps.ToArray());
        Assert.DoesNotContain("lost data", log.ToString());
    }

    [Fact]
    public void A_last_heartbeat_that_failed_is_sent_before_the_end_and_nothing_is_lost()
    {
        var flaky = new RecordingObserver("flaky", 20) { FailHeartbeats = 1 };
        var log = new StringWriter();
        var set = new ObserverSet([flaky], Sink(log), "exp");
        set.Started(Start());

        Assert.False(set.Heartbeat(Beat("last words\n", [0, 1, 2])));
        set.Ended(new RunEndedEvent(DateTime.UtcNow, RunStatus.Failed, null, ["boom"]));
        set.CloseAll();

        Assert.Equal("last words\n", Assert.Single(flaky.Beats).Output);
        Assert.Equal(RunStatus.Failed, flaky.Ended!.Status);
        Assert.DoesNotContain("lost data", log.ToString());
    }

    [Fact]
    public void Every_observer_is_closed_even_after_one_fails_to_close()
    {
        var calls = new List<string>();
        var stuck = new RecordingObserver("stuck", 30, calls: calls) { FailClose = true };
        var next = new RecordingObserver("next", 20, calls: calls);
        var log = new StringWriter();
        var set = new ObserverSet([stuck, next], Sink(log), "exp");
        set.Started(Start());

        set.CloseAll();

        Assert.Equal(["start stuck", "start next", "close stuck", "close next"], calls);
        Assert.Contains("An error occurred in the 'stuck' observer (close): flush failed.", log.ToString());
    }

    private static LogSink Sink(TextWriter writer) => new(writer, 20);

    private static HeartbeatEvent Beat(string output, long[] steps, long[]? accuracy = null) =>
        new(
            DateTime.UtcNow,
            Empty,
            null,
            output,
            [
                .. steps.Length == 0 ? [] : new[] { new MetricBatch("loss", steps, steps.Select(s => (double)s).ToArray(), steps) },
                .. accuracy is null ? [] : new[] { new MetricBatch("accuracy", accuracy, accuracy.Select(s => (double)s).ToArray(), accuracy) },
            ],
            false);

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

    private sealed class RecordingObserver(string name, int priority, string? id = null, List<string>? calls = null) : IRunObserver
    {
        public int FailHeartbeats { get; set; }

        public bool FailEnd { get; set; }

        /// <summary>How many end events fail before one is taken.</summary>
        public int FailEnds { get; set; }

        public bool FailStart { get; set; }

        /// <summary>When set, the start throws <see cref="ObserverUnavailableException"/> with this message.</summary>
        public string? Unavailable { get; set; }

        public bool FailAbandon { get; set; }

        public bool FailArtifacts { get; set; }

        public bool FailClose { get; set; }

        /// <summary>The artifacts' names and the resources' paths taken, in order.</summary>
        public List<string> Taken { get; } = new();

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
            if (Unavailable is not null)
            {
                throw new ObserverUnavailableException(Unavailable);
            }

            if (FailStart)
            {
                throw new IOException("disk full");
            }

            calls?.Add("start " + name);
            StartedWith = run.Id;
            WasStarted = true;
            return run.Id ?? id;
        }

        public bool WasStarted { get; private set; }

        public string? AbandonedBecause { get; private set; }

        public void AbandonStart(string reason)
        {
            calls?.Add("abandon " + name);
            if (FailAbandon)
            {
                throw new IOException("read-only file system");
            }

            AbandonedBecause = reason;
        }

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
            if (FailArtifacts)
            {
                throw new IOException("no space left on device");
            }

            Taken.Add(artifact.Name);
        }

        public void ResourceEvent(ResourceEvent resource)
        {
            if (FailArtifacts)
            {
                throw new IOException("no space left on device");
            }

            Taken.Add(resource.Path);
        }

        public void EndedEvent(RunEndedEvent end)
        {
            if (FailEnd || FailEnds-- > 0)
            {
                throw new IOException("gone");
            }

            Ended = end;
        }

        public void Close()
        {
            calls?.Add("close " + name);
            if (FailClose)
            {
                throw new IOException("flush failed");
            }
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
