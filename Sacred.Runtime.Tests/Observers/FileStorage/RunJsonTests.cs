using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Observers;
using Sacred.Recording;
using Xunit;

namespace Sacred.Runtime.Tests.Observers.FileStorage;

public sealed class RunJsonTests : IDisposable
{
    private const string Experiment = """
          "experiment": {
            "base_dir": "/home/u/proj",
            "dependencies": [
              "Sacred.Runtime==1.0.0",
              "TorchSharp==0.105.0"
            ],
            "mainfile": "train.cs",
            "name": "train",
            "repositories": [
              {
                "commit": "d88deb25",
                "dirty": false,
                "url": "git@github.com:u/proj.git"
              }
            ],
            "sources": [
              [
                "train.cs",
                "_sources/train_cd7da95f1c3b54c37b3bef03d80112ff.cs"
              ],
              [
                "lib/utils.cs",
                "_sources/utils_301d5147f5d9511f0f24f112eb487479.cs"
              ]
            ]
          },
        """;

    private const string HostAndMeta = """
          "host": {
            "ENV": {},
            "cpu": "Intel(R) Core(TM) i7-3770 CPU @ 3.40GHz",
            "dotnet_version": "10.0.1",
            "hostname": "box",
            "os": [
              "Linux",
              "Linux-6.5.0-41-generic-x86_64-with-glibc2.35"
            ]
          },
          "meta": {
            "command": "my_main",
            "comment": "baseline",
            "config_updates": {
              "lr": 0.1
            },
            "named_configs": [],
            "options": {
              "--comment": "baseline",
              "--file_storage": "runs",
              "--id": null,
              "UPDATE": [
                "lr=0.1"
              ],
              "with": true
            }
          },
        """;

    private readonly TempFiles _temp = new();

    private string BaseDirectory => _temp.PathOf("runs");

    [Fact]
    public void A_started_run_has_Sacreds_keys_and_no_result_yet()
    {
        var observer = Opened();

        var id = observer.StartedEvent(SampleRun.Started());

        Assert.Equal("1", id);
        Assert.Equal(
            "{\n  \"artifacts\": [],\n  \"command\": \"my_main\",\n" + Experiment + "\n  \"heartbeat\": null,\n" + HostAndMeta + "\n" +
            "  \"resources\": [],\n  \"start_time\": \"2024-05-01T10:00:00.000123\",\n  \"status\": \"RUNNING\"\n}",
            RunJson("1"));
    }

    [Fact]
    public void A_completed_run_has_heartbeat_result_artifacts_resources_and_stop_time()
    {
        var observer = Opened();
        observer.StartedEvent(SampleRun.Started());
        var model = _temp.Write("model.txt", "weights");
        var data = _temp.Write("data.csv", "hello");
        observer.ArtifactEvent(new ArtifactEvent("model.txt", model, "text/plain", null));
        observer.ResourceEvent(new ResourceEvent(data, "5d41402abc4b2a76b9719d911017c592"));
        observer.HeartbeatEvent(SampleRun.Beat(1));
        observer.HeartbeatEvent(SampleRun.Beat(3, result: ConfigNode.From(0.93), isFinal: true));
        observer.EndedEvent(new RunEndedEvent(SampleRun.Start.AddSeconds(3.125), "COMPLETED", ConfigNode.From(0.93), null));
        observer.Close();

        Assert.Equal(
            "{\n  \"artifacts\": [\n    \"model.txt\"\n  ],\n  \"command\": \"my_main\",\n" + Experiment + "\n" +
            "  \"heartbeat\": \"2024-05-01T10:00:03.000123\",\n" + HostAndMeta + "\n" +
            "  \"resources\": [\n    [\n      \"<tmp>/data.csv\",\n      \"<tmp>/runs/_resources/data_5d41402abc4b2a76b9719d911017c592.csv\"\n    ]\n  ],\n" +
            "  \"result\": 0.93,\n  \"start_time\": \"2024-05-01T10:00:00.000123\",\n  \"status\": \"COMPLETED\",\n" +
            "  \"stop_time\": \"2024-05-01T10:00:03.125123\"\n}",
            RunJson("1").Replace(_temp.Directory, "<tmp>", StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_heartbeat_adds_a_null_result()
    {
        var observer = Opened();
        observer.StartedEvent(SampleRun.Started());

        observer.HeartbeatEvent(SampleRun.Beat(10));

        var run = SampleRun.Json(RunJson("1"));
        Assert.Equal(ConfigNode.Null, run.Get("result"));
        Assert.Equal("2024-05-01T10:00:10.000123", run.Get("heartbeat")!.StringValue);
        Assert.Equal("RUNNING", run.Get("status")!.StringValue);
    }

    [Fact]
    public void A_failed_run_records_its_trace_and_keeps_the_last_result()
    {
        var observer = Opened();
        observer.StartedEvent(SampleRun.Started());
        observer.HeartbeatEvent(SampleRun.Beat(1, result: ConfigNode.From(7), isFinal: true));

        observer.EndedEvent(new RunEndedEvent(
            SampleRun.Start.AddSeconds(2),
            "FAILED",
            null,
            ["Traceback (most recent calls WITHOUT Sacred internals):\n", "System.InvalidOperationException: boom\n"]));

        var run = SampleRun.Json(RunJson("1"));
        Assert.Equal("FAILED", run.Get("status")!.StringValue);
        Assert.Equal("2024-05-01T10:00:02.000123", run.Get("stop_time")!.StringValue);
        Assert.Equal(7, run.Get("result")!.IntegerValue);
        Assert.Equal(
            ["Traceback (most recent calls WITHOUT Sacred internals):\n", "System.InvalidOperationException: boom\n"],
            run.Get("fail_trace")!.Items.Select(line => line.StringValue));
    }

    [Theory]
    [InlineData("INTERRUPTED")]
    [InlineData("TIMEOUT")]
    [InlineData("MY_STATUS")]
    public void An_interrupted_run_gets_stop_time_and_status_only(string status)
    {
        var observer = Opened();
        observer.StartedEvent(SampleRun.Started());

        observer.EndedEvent(new RunEndedEvent(SampleRun.Start.AddSeconds(2), status, null, null));

        var run = SampleRun.Json(RunJson("1"));
        Assert.Equal(status, run.Get("status")!.StringValue);
        Assert.Equal("2024-05-01T10:00:02.000123", run.Get("stop_time")!.StringValue);
        Assert.Null(run.Get("result"));
        Assert.Null(run.Get("fail_trace"));
    }

    [Fact]
    public void A_queued_run_keeps_source_md5s_its_queue_time_and_sources_beside_it()
    {
        var observer = Opened();

        var id = observer.QueuedEvent(SampleRun.Started());

        Assert.Equal("1", id);
        var run = SampleRun.Json(RunJson("1"));
        Assert.Equal(["command", "experiment", "host", "meta", "status"], Keys(run));
        Assert.Equal("QUEUED", run.Get("status")!.StringValue);
        Assert.Equal(
            """[["train.cs","cd7da95f1c3b54c37b3bef03d80112ff"],["lib/utils.cs","301d5147f5d9511f0f24f112eb487479"]]""",
            run.Get("experiment.sources")!.ToJson(indented: false));

        // jsonpickle's datetime: base64 of the pickle state 2024-05-01 10:00:00.000123.
        Assert.Equal(
            """{"__reduce__":[{"py/type":"datetime.datetime"},["B+gFAQoAAAAAew=="]],"py/object":"datetime.datetime"}""",
            run.Get("meta.queue_time")!.ToJson(indented: false));
        Assert.Equal(
            ["config.json", "run.json", "train.cs", "utils.cs"],
            Directory.GetFileSystemEntries(Path.Combine(BaseDirectory, "1")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("class Utils {}\n", File.ReadAllText(Path.Combine(BaseDirectory, "1", "utils.cs")));
        Assert.False(Directory.Exists(Path.Combine(BaseDirectory, "_sources")));
    }

    [Fact]
    public void Host_gpus_and_custom_entries_are_kept_and_python_version_is_absent()
    {
        var started = SampleRun.Started();
        var gpus = SampleRun.Json("""{"driver_version": "550.54", "gpus": [{"model": "H100", "persistence_mode": false, "total_memory": 81559}]}""");
        started = started with
        {
            Host = started.Host with
            {
                Gpus = gpus,
                Environment = new Dictionary<string, string> { ["CUDA_VISIBLE_DEVICES"] = "0" },
                Extra = new Dictionary<string, ConfigNode> { ["cluster"] = ConfigNode.From("a100-pool") },
            },
        };
        var observer = Opened();

        observer.StartedEvent(started);

        var host = SampleRun.Json(RunJson("1")).Get("host")!;
        Assert.Equal(["ENV", "cluster", "cpu", "dotnet_version", "gpus", "hostname", "os"], Keys(host));
        Assert.Equal(gpus, host.Get("gpus"));
        Assert.Equal("0", host.Get("ENV")!.Get("CUDA_VISIBLE_DEVICES")!.StringValue);
    }

    [Fact]
    public void Meta_priority_is_a_float_and_an_absent_comment_is_left_out()
    {
        var started = SampleRun.Started();
        started = started with { Meta = started.Meta with { Comment = null, Priority = 3 } };
        var observer = Opened();

        observer.StartedEvent(started);

        var meta = SampleRun.Json(RunJson("1")).Get("meta")!;
        Assert.Equal(["command", "config_updates", "named_configs", "options", "priority"], Keys(meta));
        Assert.Contains("\"priority\": 3.0", RunJson("1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_write_replaces_the_file_and_leaves_no_temporary_file()
    {
        var observer = Opened();
        observer.StartedEvent(SampleRun.Started());
        for (var i = 0; i < 5; i++)
        {
            observer.HeartbeatEvent(SampleRun.Beat(i, info: SampleRun.Json("""{"epoch": 1}""")));
        }

        Assert.Equal(
            ["config.json", "cout.txt", "info.json", "run.json"],
            Directory.GetFileSystemEntries(Path.Combine(BaseDirectory, "1")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    public void Dispose() => _temp.Dispose();

    private static string[] Keys(ConfigNode node) => [.. node.Members.Select(m => m.Key)];

    private FileStorageObserver Opened()
    {
        var observer = new FileStorageObserver(BaseDirectory);
        observer.Open();
        return observer;
    }

    private string RunJson(string id) => File.ReadAllText(Path.Combine(BaseDirectory, id, "run.json"));
}
