using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Tool.Cli;
using Xunit;

namespace Sacred.Tool.Tests;

/// <summary><c>sacred queue</c> over a real store holding queued runs, recorded as <c>-q</c> records them.</summary>
public sealed class QueueCommandTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "sacred-queue-tool-" + Guid.NewGuid().ToString("N"));

    public QueueCommandTests()
    {
        Queue(lr: 0.1, priority: null, time: new DateTime(2026, 11, 29, 10, 0, 0, DateTimeKind.Utc));
        Queue(lr: 0.01, priority: 5, time: new DateTime(2026, 11, 29, 10, 1, 0, DateTimeKind.Utc));
        Queue(lr: 0.5, priority: null, time: new DateTime(2026, 11, 29, 10, 2, 0, DateTimeKind.Utc), started: true);
    }

    public void Dispose() => Directory.Delete(_store, recursive: true);

    [Fact]
    public void Queue_lists_the_waiting_runs_in_claim_order_with_their_config_changes_time_and_priority()
    {
        var (code, output) = Sacred("queue");

        Assert.Equal(0, code);
        var rows = output.Split('\n').Where(l => l.Contains(" demo ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("2", rows[0].TrimStart());
        Assert.Contains("learning_rate=0.01", rows[0]);
        Assert.Contains("2026-11-29 10:01", rows[0]);
        Assert.Contains(" 5", rows[0]);
        Assert.StartsWith("1", rows[1].TrimStart());
        Assert.Contains("learning_rate=0.1", rows[1]);
        Assert.Contains("2 queued runs", output);
    }

    [Fact]
    public void Queue_json_gives_the_same_runs_to_scripts()
    {
        var (code, output) = Sacred("queue", "--json");

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(output);
        var runs = document.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal(["2", "1"], runs.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("0.01", runs[0].GetProperty("config").GetProperty("learning_rate").GetString());
        Assert.Equal(5, runs[0].GetProperty("priority").GetDouble());
        Assert.Equal(JsonValueKind.Null, runs[1].GetProperty("priority").ValueKind);
    }

    private (int Code, string Out) Sacred(params string[] args)
    {
        var stdout = new StringWriter();
        var code = SacredCommandLine.Run([.. args, "--store", _store], stdout, new StringWriter(), redirected: true);
        return (code, stdout.ToString());
    }

    private void Queue(double lr, double? priority, DateTime time, bool started = false)
    {
        var observer = new EmbeddedStoreObserver(_store);
        observer.Open();
        var config = new ConfigObjectBuilder();
        config.Add("learning_rate", ConfigNode.From(lr));
        config.Add("seed", ConfigNode.From(7));
        var empty = new ConfigObjectBuilder().Build();
        var run = new RunStartedEvent(
            null,
            "train",
            new ExperimentInfo("demo", "/src", "Demo.cs", [new SourceFileInfo("Demo.cs", "0123456789abcdef0123456789abcdef", "// demo")], [], []),
            new HostInfo("box", ["Linux", "Linux-6"], "Test CPU", null, "10.0.0", new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
            time,
            config.Build(),
            new ConfigModifications(["learning_rate"], [], []),
            new MetaInfo("train", empty, null, [], empty, priority),
            7);
        if (started)
        {
            observer.StartedEvent(run);
        }
        else
        {
            observer.QueuedEvent(run);
        }

        observer.Close();
    }
}
