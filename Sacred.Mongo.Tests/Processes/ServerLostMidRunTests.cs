using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Sacred.Mongo.Tests.Wire;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>
/// A server that goes away in the middle of a run: the run goes on and completes, says once that the server was lost,
/// and at its end says what its MongoDB document lacks and how to replace it, while the embedded store keeps the
/// complete record. A real process, through the real driver; the server is <see cref="FakeMongoServer"/>, stopped
/// while the run sleeps.
/// </summary>
public sealed class ServerLostMidRunTests
{
    [Fact]
    public async Task A_run_whose_server_goes_away_completes_and_its_end_says_what_mongodb_did_not_get()
    {
        var server = new FakeMongoServer();
        var store = Programs.TempDirectory();
        var address = server.Url("lab") + "?serverSelectionTimeoutMS=5000";
        using var probe = Programs.StartProbe("with", "points=20", "sleep_ms=8000", "-m", address, "--store", store, "--beat-interval", "0.2");
        var stdout = probe.StandardOutput.ReadToEndAsync();

        // Every observer has recorded the start once the run says it started: the server goes away after that.
        var before = new StringBuilder();
        while (await probe.StandardError.ReadLineAsync() is { } line)
        {
            before.Append(line).Append('\n');
            if (line.Contains("Started run with ID", StringComparison.Ordinal))
            {
                break;
            }
        }

        server.Dispose();
        var log = before + await probe.StandardError.ReadToEndAsync();
        _ = await stdout;
        Assert.True(probe.WaitForExit(TimeSpan.FromMinutes(2)), "the run did not end");

        Assert.True(probe.ExitCode == 0, log);
        Assert.True(log.Split('\n').Count(l => l.Contains("was lost during the run", StringComparison.Ordinal)) == 1, log);
        var summary = Assert.Single(log.Split('\n'), l => l.Contains("is still away at the end of run 1", StringComparison.Ordinal));
        Assert.Contains($"MongoDB 127.0.0.1:{server.Port}/lab/runs is still away at the end of run 1: its document _id 1 there stopped since ", summary, StringComparison.Ordinal);
        Assert.Contains("heartbeat", summary, StringComparison.Ordinal);
        Assert.Contains("the end of the run not sent there", summary, StringComparison.Ordinal);
        Assert.EndsWith($"sacred sync --store {store} -m {address} replaces that document whole", summary.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("RUNNING", Assert.Single(server.Documents("lab", "runs"))["status"].AsString);
        using var runs = RunStore.Open(store);
        var run = runs.GetRun(1)!;
        Assert.Equal("COMPLETED", run.Summary.Status);
        Assert.Equal(20, run.Metrics.Single(m => m.Name == "training.loss").Count);
    }
}
