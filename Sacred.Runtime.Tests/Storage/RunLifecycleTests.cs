using System;
using System.IO;
using System.Linq;
using Sacred.Generated;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Storage.Reading;
using Xunit;

using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

public sealed class RunLifecycleTests
{
    [Fact]
    public void A_completed_run_reads_back_with_every_field()
    {
        using var temp = new TempFiles();
        var artifactPath = temp.Write("model.txt", "weights");
        var started = Started();
        var observer = OpenObserver(temp.Directory);

        var id = observer.StartedEvent(started);
        var info = new ConfigObjectBuilder();
        info.Add("epochs_done", ConfigNode.From(1));
        observer.HeartbeatEvent(Beat(Start.AddSeconds(10), "epoch 1\n", ConfigNode.From(0.5), info.Build(), false,
            Metric("training.loss", 0, Start, 0.9, 0.5, 0.7)));
        var metadata = new ConfigObjectBuilder();
        metadata.Add("epoch", ConfigNode.From(1));
        observer.ArtifactEvent(new ArtifactEvent("model.txt", artifactPath, "text/plain", metadata.Build()));
        observer.ResourceEvent(new ResourceEvent("/data/train.csv", "5d41402abc4b2a76b9719d911017c592"));
        observer.HeartbeatEvent(Beat(Start.AddSeconds(20), "epoch 2\n", ConfigNode.From(0.25), info.Build(), true,
            Metric("training.loss", 3, Start.AddSeconds(15), 0.2)));
        observer.EndedEvent(new RunEndedEvent(Start.AddSeconds(21), RunStatus.Completed, ConfigNode.From(0.93), null));
        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        Assert.Equal("1", id);
        var run = store.GetRun(1)!;
        var summary = run.Summary;
        Assert.Equal(1, summary.Id);
        Assert.Null(summary.CustomId);
        Assert.Equal("mnist", summary.Experiment);
        Assert.Equal("train", summary.Command);
        Assert.Equal(RunStatus.Completed, summary.Status);
        Assert.Null(summary.QueueTime);
        Assert.Equal(Start, summary.StartTime);
        Assert.Equal(Start.AddSeconds(21), summary.StopTime);
        Assert.Equal(Start.AddSeconds(20), summary.Heartbeat);
        Assert.Equal(TimeSpan.FromSeconds(21), summary.Duration);
        Assert.Equal(ConfigNode.From(0.93), summary.Result);
        Assert.Equal("baseline", summary.Comment);
        Assert.Equal(151625947, summary.Seed);
        Assert.Equal("box", summary.Hostname);

        Assert.Equal(started.Config, run.Config);
        Assert.Equal(started.Modifications.Modified, run.Modifications.Modified);
        Assert.Equal(started.Modifications.Added, run.Modifications.Added);
        Assert.Equal(started.Modifications.TypeChanged, run.Modifications.TypeChanged);
        Assert.Equal(started.Meta.Command, run.Meta.Command);
        Assert.Equal(started.Meta.Options, run.Meta.Options);
        Assert.Equal(started.Meta.Comment, run.Meta.Comment);
        Assert.Equal(started.Meta.NamedConfigs, run.Meta.NamedConfigs);
        Assert.Equal(started.Meta.ConfigUpdates, run.Meta.ConfigUpdates);
        Assert.Equal(2.5, run.Meta.Priority);
        Assert.Equal(started.Host.Hostname, run.Host.Hostname);
        Assert.Equal(started.Host.Os, run.Host.Os);
        Assert.Equal(started.Host.Cpu, run.Host.Cpu);
        Assert.Equal(started.Host.Gpus, run.Host.Gpus);
        Assert.Equal(started.Host.DotnetVersion, run.Host.DotnetVersion);
        Assert.Equal(started.Host.Environment, run.Host.Environment);
        Assert.Equal(started.Host.Extra, run.Host.Extra);

        var experiment = run.Experiment;
        Assert.Equal("mnist", experiment.Name);
        Assert.Equal("/home/u/proj", experiment.BaseDirectory);
        Assert.Equal("Mnist.cs", experiment.MainFile);
        Assert.Equal(started.Experiment.Dependencies, experiment.Dependencies);
        Assert.Equal(started.Experiment.Repositories, experiment.Repositories);
        Assert.Equal(["Mnist.cs", "Net/Model.cs"], experiment.Sources.Select(s => s.Path));
        Assert.Equal(["md5-main", "md5-model"], experiment.Sources.Select(s => s.Md5));
        Assert.Equal("class Model {}", store.ReadText(experiment.Sources[1].Hash));

        Assert.Equal(info.Build(), run.Info);
        Assert.Null(run.FailTrace);
        var artifact = Assert.Single(run.Artifacts);
        Assert.Equal("model.txt", artifact.Name);
        Assert.Equal(7, artifact.Size);
        Assert.Equal("text/plain", artifact.ContentType);
        Assert.Equal(metadata.Build(), artifact.Metadata);
        using (var reader = new StreamReader(store.OpenArtifact(1, "model.txt")!))
        {
            Assert.Equal("weights", reader.ReadToEnd());
        }

        Assert.Null(store.OpenArtifact(1, "missing.txt"));
        Assert.Equal([new StoredResource("/data/train.csv", "5d41402abc4b2a76b9719d911017c592")], run.Resources);
        var loss = Assert.Single(run.Metrics);
        Assert.Equal(new MetricSummary("training.loss", 4, 0.2, 3, 0.9, 0, 0.2, 3, Start, Start.AddSeconds(15)), loss with { Mean = null });
        Assert.Equal((0.9 + 0.5 + 0.7 + 0.2) / 4, loss.Mean!.Value, 12);
        Assert.Equal("epoch 1\nepoch 2\n".Length, run.OutputChars);
        Assert.Equal(Environment.ProcessId, run.ProcessId);
        Assert.Equal("epoch 1\nepoch 2\n", store.ReadOutput(1, 0, 1000)!.Text);
    }

    [Fact]
    public void A_failed_run_keeps_its_trace_and_the_last_result_it_reported()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        observer.HeartbeatEvent(Beat(Start.AddSeconds(1), "about to fail\n", ConfigNode.From(7)));
        string[] trace = ["Traceback (most recent calls WITHOUT Sacred internals):\n", "  at Mnist.Train()\n", "InvalidOperationException: diverged\n"];
        observer.EndedEvent(new RunEndedEvent(Start.AddSeconds(2), RunStatus.Failed, null, trace));
        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        var run = store.GetRun(1)!;
        Assert.Equal(RunStatus.Failed, run.Summary.Status);
        Assert.Equal(trace, run.FailTrace);
        Assert.Equal(ConfigNode.From(7), run.Summary.Result);
        Assert.Equal("about to fail\n", store.ReadOutput(1, 0, 100)!.Text);
    }

    [Fact]
    public void A_custom_status_is_stored_as_given_and_can_be_filtered_on()
    {
        using var temp = new TempFiles();
        foreach (var status in new[] { "DIVERGED", RunStatus.Interrupted, RunStatus.Timeout })
        {
            var observer = OpenObserver(temp.Directory);
            observer.StartedEvent(Started());
            observer.EndedEvent(new RunEndedEvent(Start.AddSeconds(5), status, null, null));
            observer.Close();
        }

        using var store = RunStore.Open(temp.Directory);
        var page = store.ListRuns(new RunQuery { Statuses = ["DIVERGED"] });
        Assert.Equal(1, page.TotalCount);
        Assert.Equal(1, page.Runs[0].Id);
        Assert.Equal("DIVERGED", page.Runs[0].Status);
        Assert.Equal(["TIMEOUT", "INTERRUPTED", "DIVERGED"], store.ListRuns(new RunQuery()).Runs.Select(r => r.Status));
    }

    [Fact]
    public void A_queued_run_has_a_queue_time_and_no_start_and_starting_it_by_id_claims_it_once()
    {
        using var temp = new TempFiles();
        var queuer = OpenObserver(temp.Directory);
        var queuedId = queuer.QueuedEvent(Started(time: Start));
        queuer.Close();

        using (var store = RunStore.Open(temp.Directory))
        {
            var queued = store.GetRun(1)!.Summary;
            Assert.Equal(RunStatus.Queued, queued.Status);
            Assert.Equal(Start, queued.QueueTime);
            Assert.Null(queued.StartTime);
            Assert.Null(queued.Duration);
            Assert.Null(store.GetRun(1)!.ProcessId);
        }

        var worker = OpenObserver(temp.Directory);
        Assert.Equal("1", worker.StartedEvent(Started(id: queuedId, time: Start.AddMinutes(5))));
        worker.HeartbeatEvent(Beat(DateTime.UtcNow, "working\n"));
        var second = OpenObserver(temp.Directory);
        var error = Assert.Throws<ObserverUnavailableException>(() => second.StartedEvent(Started(id: queuedId)));
        Assert.Contains("Run id 1 is already taken", error.Message, StringComparison.Ordinal);
        Assert.Contains("status RUNNING", error.Message, StringComparison.Ordinal);
        second.Close();
        worker.Close();

        using (var store = RunStore.Open(temp.Directory))
        {
            var claimed = store.GetRun(1)!;
            Assert.Equal(RunStatus.Running, claimed.Summary.Status);
            Assert.Equal(Start, claimed.Summary.QueueTime);
            Assert.Equal(Start.AddMinutes(5), claimed.Summary.StartTime);
            Assert.Equal(2, claimed.Experiment.Sources.Count);
            Assert.Equal(1, store.ListRuns(new RunQuery()).TotalCount);
        }
    }

    [Fact]
    public void A_given_numeric_id_is_used_and_later_ids_continue_above_it()
    {
        using var temp = new TempFiles();
        var first = OpenObserver(temp.Directory);
        Assert.Equal("42", first.StartedEvent(Started(id: "42")));
        first.Close();
        var second = OpenObserver(temp.Directory);
        Assert.Equal("43", second.StartedEvent(Started()));
        second.Close();

        var third = OpenObserver(temp.Directory);
        var error = Assert.Throws<ObserverUnavailableException>(() => third.StartedEvent(Started(id: "42")));
        third.Close();

        Assert.Contains("Run id 42 is already taken", error.Message, StringComparison.Ordinal);
        Assert.Contains("status RUNNING", error.Message, StringComparison.Ordinal);
        using var store = RunStore.Open(temp.Directory);
        Assert.Equal([43L, 42L], store.ListRuns(new RunQuery()).Runs.Select(r => r.Id));
    }

    [Fact]
    public void A_non_numeric_id_is_kept_as_the_custom_id_next_to_a_numeric_one()
    {
        using var temp = new TempFiles();
        var first = OpenObserver(temp.Directory);
        Assert.Equal("baseline-a", first.StartedEvent(Started(id: "baseline-a")));
        Assert.Equal(1, first.RunId);
        first.Close();
        var leadingZero = OpenObserver(temp.Directory);
        Assert.Equal("007", leadingZero.StartedEvent(Started(id: "007")));
        leadingZero.Close();
        var duplicate = OpenObserver(temp.Directory);
        var error = Assert.Throws<ObserverUnavailableException>(() => duplicate.StartedEvent(Started(id: "baseline-a")));
        duplicate.Close();

        Assert.Contains("Run id baseline-a is already taken", error.Message, StringComparison.Ordinal);
        using var store = RunStore.Open(temp.Directory);
        Assert.Equal("baseline-a", store.GetRun(1)!.Summary.CustomId);
        Assert.Equal(1, store.FindRun("baseline-a"));
        Assert.Equal(2, store.FindRun("007"));
        Assert.Equal(2, store.FindRun("2"));
        Assert.Null(store.FindRun("3"));
        Assert.Null(store.FindRun("nope"));
    }

    [Fact]
    public void Non_finite_floats_in_config_and_result_read_back()
    {
        using var temp = new TempFiles();
        var config = new ConfigObjectBuilder();
        config.Add("nan", ConfigNode.From(double.NaN));
        config.Add("inf", ConfigNode.From(double.PositiveInfinity));
        config.Add("ninf", ConfigNode.From(double.NegativeInfinity));
        config.Add("text", ConfigNode.From("NaN and Infinity stay text"));
        var started = Started() with { Config = config.Build() };
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(started);
        observer.EndedEvent(new RunEndedEvent(Start.AddSeconds(1), RunStatus.Completed, ConfigNode.From(double.NaN), null));
        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        var run = store.GetRun(1)!;
        Assert.Equal(started.Config, run.Config);
        Assert.True(double.IsNaN(run.Summary.Result!.FloatValue));
    }

    [Fact]
    public void Events_before_a_start_are_refused()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        Assert.Throws<InvalidOperationException>(() => observer.HeartbeatEvent(Beat(Start)));
        observer.Close();
        Assert.Throws<InvalidOperationException>(() => new EmbeddedStoreObserver(temp.Directory).StartedEvent(Started()));
    }

    [Fact]
    public void The_observer_outranks_mongo_and_file_storage_and_names_its_folder()
    {
        using var temp = new TempFiles();
        var observer = new EmbeddedStoreObserver(temp.Directory);
        Assert.Equal(50, observer.Priority);
        Assert.Equal("embedded store " + temp.Directory, observer.Name);
        Assert.False(File.Exists(Path.Combine(temp.Directory, "runs.db")), "the constructor must not touch the folder");
    }
}
