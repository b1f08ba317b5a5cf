using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>
/// A run whose MongoDB cannot be reached still runs and completes, says once that its records wait for
/// <c>sacred sync</c>, and the embedded store keeps its complete record; <c>sacred sync</c> against a server that is
/// still away uploads nothing and says so. Real processes, a real store; the server is a port nothing listens on.
/// </summary>
public sealed class UnreachableServerTests
{
    private const string WaitLine = "its records wait for: sacred sync";

    [Fact]
    public void A_run_with_an_unreachable_server_completes_says_so_once_and_keeps_its_whole_record()
    {
        var store = Programs.TempDirectory();
        var port = Programs.ClosedPort();
        var address = $"mongodb://127.0.0.1:{port}/lab";

        var run = Programs.Probe(null, "with", "points=500", "-m", address, "--store", store);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(1, Count(run.Stderr, WaitLine));
        Assert.Contains($"cannot be reached (nothing listens at 127.0.0.1:{port} (connection refused))", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"sacred sync --store {store} -m {address}", run.Stderr, StringComparison.Ordinal);
        using var runs = RunStore.Open(store);
        var detail = runs.GetRun(1)!;
        Assert.Equal("COMPLETED", detail.Summary.Status);
        Assert.Equal(0.1, detail.Summary.Result!.FloatValue, 12);
        Assert.Equal(500, detail.Metrics.Single(m => m.Name == "training.loss").Count);
        Assert.Equal("model.bin", Assert.Single(detail.Artifacts).Name);
        Assert.Equal(address, detail.Meta.Options.Get("--mongo_db")!.StringValue);
        Assert.Contains("0xxxxxxxxxxxxxxxxxxx", runs.ReadOutput(1, 0, 10_000)!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_of_the_address_is_recorded_nowhere()
    {
        var store = Programs.TempDirectory();
        var files = Programs.TempDirectory();
        var port = Programs.ClosedPort();

        var run = Programs.Probe(null, "-m", $"mongodb://alice:s3cret-pw@127.0.0.1:{port}/lab", "--store", store, "-F", files);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.DoesNotContain("s3cret-pw", run.Stderr, StringComparison.Ordinal);
        using (var runs = RunStore.Open(store))
        {
            var detail = runs.GetRun(1)!;
            Assert.Equal($"mongodb://alice:***@127.0.0.1:{port}/lab", detail.Meta.Options.Get("--mongo_db")!.StringValue);
            Assert.DoesNotContain("s3cret-pw", runs.ReadOutput(1, 0, 1_000_000)!.Text, StringComparison.Ordinal);
        }

        Assert.Contains($"\"--mongo_db\": \"mongodb://alice:***@127.0.0.1:{port}/lab\"", File.ReadAllText(Path.Combine(files, "1", "run.json")), StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Concat(Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories)))
        {
            Assert.False(ContainsBytes(File.ReadAllBytes(file), "s3cret-pw"u8.ToArray()), $"{file} holds the password");
        }
    }

    [Fact]
    public void Sacreds_host_port_db_form_and_the_environment_variable_are_understood()
    {
        var store = Programs.TempDirectory();
        var port = Programs.ClosedPort();

        var sacredForm = Programs.Probe(null, "-m", $"127.0.0.1:{port}:lab", "--store", store);
        var fromEnvironment = Programs.Probe(new Dictionary<string, string> { ["SACRED_MONGO"] = $"127.0.0.1:{port}:lab" }, "--store", store);

        Assert.True(sacredForm.ExitCode == 0, sacredForm.Stderr);
        Assert.Contains($"MongoDB 127.0.0.1:{port}/lab/runs cannot be reached", sacredForm.Stderr, StringComparison.Ordinal);
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.Stderr);
        Assert.Equal(1, Count(fromEnvironment.Stderr, WaitLine));
    }

    [Fact]
    public void A_run_queued_while_the_server_is_away_waits_in_the_embedded_queue_says_where_and_a_local_worker_runs_it()
    {
        var store = Programs.TempDirectory();
        var port = Programs.ClosedPort();

        var queued = Programs.Probe(null, "-q", "with", "points=4", "-m", $"mongodb://127.0.0.1:{port}/lab", "--store", store);

        Assert.True(queued.ExitCode == 0, queued.Stderr);
        Assert.Contains($"cannot be reached (nothing listens at 127.0.0.1:{port} (connection refused)); the run is queued in the embedded store {store} only, where a worker of this machine runs it", queued.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(WaitLine, queued.Stderr, StringComparison.Ordinal);
        Assert.Contains("Queued-up run with ID \"1\"", queued.Stderr, StringComparison.Ordinal);

        var worker = Programs.Probe(null, "worker", "--store", store, "--exit-when-empty");

        Assert.True(worker.ExitCode == 0, worker.Stderr);
        using var runs = RunStore.Open(store);
        Assert.Equal("COMPLETED", runs.GetRun(1)!.Summary.Status);
        Assert.Equal(4, runs.GetRun(1)!.Metrics.Single(m => m.Name == "training.loss").Count);
    }

    [Fact]
    public void A_bad_address_is_one_line_exit_2_and_nothing_runs()
    {
        var store = Programs.TempDirectory();

        var run = Programs.Probe(null, "-m", "host:99999:lab", "--store", store);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: -m/--mongo_db 'host:99999:lab' is not a MongoDB address: port 99999 is not between 1 and 65535; valid forms:", line, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
        Assert.False(File.Exists(Path.Combine(store, "runs.db")));
    }

    [Fact]
    public void Sacred_sync_against_a_server_still_away_uploads_nothing_says_so_and_exits_1()
    {
        var store = Programs.TempDirectory();
        var port = Programs.ClosedPort();
        var address = $"mongodb://127.0.0.1:{port}/lab";
        Assert.Equal(0, Programs.Probe(null, "-m", address, "--store", store).ExitCode);

        var sync = Programs.Sacred("sync", "--store", store, "-m", address);

        Assert.Equal(1, sync.ExitCode);
        var line = Assert.Single(sync.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: MongoDB 127.0.0.1:{port}/lab/runs cannot be reached or refused a write (nothing listens at 127.0.0.1:{port} (connection refused));", line, StringComparison.Ordinal);
        Assert.Contains("0 runs were uploaded before that; run sacred sync again when it is back", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Sacred_sync_without_an_address_is_a_usage_error()
    {
        var sync = Programs.Sacred("sync", "--store", Programs.TempDirectory());

        Assert.Equal(2, sync.ExitCode);
        Assert.StartsWith("error: sacred sync needs the MongoDB to upload to", sync.Stderr, StringComparison.Ordinal);
    }

    private static int Count(string text, string part) =>
        text.Split(part, StringSplitOptions.None).Length - 1;

    private static bool ContainsBytes(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
