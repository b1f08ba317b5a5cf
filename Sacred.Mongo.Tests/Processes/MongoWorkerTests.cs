using System;
using System.IO;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>
/// <c>EXE worker -m URL</c> where no server answers, or with an address that is not one: one line, a non-zero exit,
/// nothing claimed or run. Real processes; the server is a port nothing listens on.
/// </summary>
public sealed class MongoWorkerTests
{
    [Fact]
    public void A_worker_whose_server_cannot_be_reached_says_one_line_exits_1_and_runs_nothing()
    {
        var store = Programs.TempDirectory();
        Assert.Equal(0, Programs.Probe(null, "-q", "--store", store).ExitCode);
        var port = Programs.ClosedPort();
        var address = $"mongodb://127.0.0.1:{port}/lab";

        var worker = Programs.Probe(null, "worker", "-m", address, "--store", store, "--exit-when-empty");

        Assert.Equal(1, worker.ExitCode);
        var line = Assert.Single(worker.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: worker: MongoDB 127.0.0.1:{port}/lab/runs: nothing listens at 127.0.0.1:{port} (connection refused)", line);
        Assert.Empty(worker.Stdout);
        using var runs = RunStore.Open(store);
        Assert.Equal("QUEUED", runs.GetRun(1)!.Summary.Status);
        Assert.Null(runs.GetRun(2));
    }

    [Fact]
    public void A_worker_with_an_address_that_is_not_one_is_a_usage_error()
    {
        var store = Programs.TempDirectory();

        var worker = Programs.Probe(null, "worker", "-m", "host:99999:lab", "--store", store);

        Assert.Equal(2, worker.ExitCode);
        var line = Assert.Single(worker.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: -m/--mongo_db 'host:99999:lab' is not a MongoDB address", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(store, "runs.db")));
    }
}
