using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Data.Sqlite;
using Sacred.Generated;
using Sacred.Queue;
using Sacred.Storage.Reading;
using Xunit;
using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Queue;

/// <summary>The queue in a real store file: claim order and atomicity, build matching, leases, and runs taken back from dead workers.</summary>
public sealed class EmbeddedStoreQueueTests
{
    private static readonly IReadOnlyList<SourceFileInfo> Sources =
        [new SourceFileInfo("Mnist.cs", "md5-main", "class Mnist {}"), new SourceFileInfo("Net/Model.cs", "md5-model", "class Model {}")];

    private static readonly QueueFilter Mnist = new("mnist", Sources);

    private static void Enqueue(string directory, double? priority = null, string experiment = "mnist", IReadOnlyList<SourceFileInfo>? sources = null)
    {
        var observer = OpenObserver(directory);
        observer.QueuedEvent(Started(experiment: experiment, priority: priority, sources: sources));
        observer.Close();
    }

    private static void Execute(string directory, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(directory, "runs.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Claims_go_by_priority_then_age_and_each_run_to_one_worker_only()
    {
        using var temp = new TempFiles();
        Enqueue(temp.Directory);
        Enqueue(temp.Directory, priority: 3);
        Enqueue(temp.Directory);
        using var queue = EmbeddedStoreQueue.Open(temp.Directory);

        var claims = Enumerable.Range(0, 4).Select(i => queue.TryClaim(Mnist, $"w{i}", TimeSpan.FromMinutes(1))).ToList();

        Assert.Equal(["2", "1", "3"], claims.Take(3).Select(c => c!.RunId));
        Assert.Null(claims[3]);
        Assert.All(claims.Take(3), c => Assert.Equal(1, c!.Attempt));
        Assert.Equal(151625947, claims[0]!.Seed);
        Assert.Equal(0.1, claims[0]!.Config.Get("learning_rate")!.FloatValue);
        Assert.Equal("learning_rate=0.1", claims[0]!.Options.Get("UPDATE")!.Items.Single().StringValue);
        using var store = RunStore.Open(temp.Directory);
        Assert.All(store.ListRuns(new RunQuery()).Runs, r => Assert.Equal("RUNNING", r.Status));
    }

    [Fact]
    public void A_stalled_worker_whose_run_was_taken_back_and_claimed_again_writes_nothing_into_it()
    {
        using var temp = new TempFiles();
        Enqueue(temp.Directory);
        using var queue = EmbeddedStoreQueue.Open(temp.Directory);
        var claim = queue.TryClaim(Mnist, "w1", TimeSpan.FromMinutes(1))!;
        var stalled = new Sacred.Observers.EmbeddedStoreObserver(temp.Directory) { ClaimedBy = "w1" };
        stalled.Open();
        stalled.StartedEvent(Started(id: claim.RunId));
        stalled.HeartbeatEvent(Beat(Start, "before the stall\n", metrics: Metric("loss", 0, Start, 1, 2)));

        // w1 stalls past its lease: the queue takes the run back and w2 claims it.
        Execute(temp.Directory, "UPDATE runs SET lease_expires = 1 WHERE id = 1;");
        Assert.Equal(1, queue.RecoverExpired(3));
        Assert.Equal("1", queue.TryClaim(Mnist, "w2", TimeSpan.FromMinutes(1))!.RunId);

        var lost = Assert.Throws<Sacred.Recording.ObserverUnavailableException>(() => stalled.HeartbeatEvent(Beat(Start, "after the stall\n", metrics: Metric("loss", 2, Start, 3))));
        stalled.EndedEvent(new Sacred.Recording.RunEndedEvent(DateTime.UtcNow, Sacred.Recording.RunStatus.Completed, ConfigNode.From(9.0), null));
        stalled.Close();

        Assert.Contains("run 1 is no longer held by worker w1: it stalled past its lease and the queue took the run back", lost.Message, StringComparison.Ordinal);
        using var store = RunStore.Open(temp.Directory);
        var run = store.GetRun(1)!;
        Assert.Equal("RUNNING", run.Summary.Status);
        Assert.Null(run.Summary.Result);
        Assert.Empty(run.Metrics);
        Assert.Equal("", store.ReadOutput(1, 0, 10_000)?.Text ?? "");
    }

    [Fact]
    public void Concurrent_claims_from_many_connections_never_share_a_run()
    {
        using var temp = new TempFiles();
        for (var i = 0; i < 30; i++)
        {
            Enqueue(temp.Directory);
        }

        var claimed = new System.Collections.Concurrent.ConcurrentBag<string>();
        var threads = Enumerable.Range(0, 6).Select(w => new Thread(() =>
        {
            using var queue = EmbeddedStoreQueue.Open(temp.Directory);
            while (queue.TryClaim(Mnist, $"w{w}", TimeSpan.FromMinutes(1)) is { } claim)
            {
                claimed.Add(claim.RunId);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(Enumerable.Range(1, 30).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), claimed.Order());
    }

    [Fact]
    public void Only_runs_of_the_same_experiment_and_sources_are_claimed_unless_any_build()
    {
        using var temp = new TempFiles();
        Enqueue(temp.Directory, experiment: "other");
        Enqueue(temp.Directory, sources: [new SourceFileInfo("Mnist.cs", "md5-edited", "class Mnist { }")]);
        using var queue = EmbeddedStoreQueue.Open(temp.Directory);

        Assert.Null(queue.TryClaim(Mnist, "w", TimeSpan.FromMinutes(1)));
        Assert.True(queue.HasUnfinished(new QueueFilter("mnist", null)));
        Assert.Equal("2", queue.TryClaim(new QueueFilter("mnist", null), "w", TimeSpan.FromMinutes(1))!.RunId);
    }

    [Fact]
    public void An_expired_claim_is_queued_again_without_what_its_dead_attempt_recorded_and_fails_after_its_last_attempt()
    {
        using var temp = new TempFiles();
        Enqueue(temp.Directory);
        using var queue = EmbeddedStoreQueue.Open(temp.Directory);
        var claim = queue.TryClaim(Mnist, "dead", TimeSpan.FromMilliseconds(1))!;
        var observer = new Sacred.Observers.EmbeddedStoreObserver(temp.Directory) { ClaimedBy = "dead" };
        observer.Open();
        Assert.Equal("1", observer.StartedEvent(Started(id: claim.RunId)));
        observer.HeartbeatEvent(Beat(DateTime.UtcNow, "half done\n", metrics: Metric("loss", 0, Start, 1.0, 0.5)));
        observer.Close();
        Thread.Sleep(20);

        Assert.Equal(1, queue.RecoverExpired(maxAttempts: 2));

        Assert.False(queue.RenewLease("1", "dead", TimeSpan.FromMinutes(1)));
        using (var store = RunStore.Open(temp.Directory))
        {
            var run = store.GetRun(1)!;
            Assert.Equal("QUEUED", run.Summary.Status);
            Assert.Empty(run.Metrics);
            Assert.Equal(0, run.OutputChars);
            Assert.Equal(Start, run.Summary.QueueTime);
        }

        var second = queue.TryClaim(Mnist, "dead again", TimeSpan.FromMilliseconds(1))!;
        Assert.Equal(2, second.Attempt);
        Thread.Sleep(20);
        Assert.Equal(1, queue.RecoverExpired(maxAttempts: 2));
        using (var store = RunStore.Open(temp.Directory))
        {
            var run = store.GetRun(1)!;
            Assert.Equal("FAILED", run.Summary.Status);
            Assert.Contains("the worker dead again stopped renewing its lease", run.FailTrace!.Single(), StringComparison.Ordinal);
            Assert.Contains("attempt 2 of 2", run.FailTrace!.Single(), StringComparison.Ordinal);
        }

        Assert.False(queue.HasUnfinished(Mnist));
    }

    [Fact]
    public void A_live_lease_is_renewed_and_not_taken_back()
    {
        using var temp = new TempFiles();
        Enqueue(temp.Directory);
        using var queue = EmbeddedStoreQueue.Open(temp.Directory);
        queue.TryClaim(Mnist, "alive", TimeSpan.FromMilliseconds(1));

        Assert.True(queue.RenewLease("1", "alive", TimeSpan.FromMinutes(1)));
        Thread.Sleep(20);
        Assert.Equal(0, queue.RecoverExpired(maxAttempts: 3));
        Assert.False(queue.RenewLease("1", "someone else", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_claim_that_cannot_start_is_recorded_failed_with_the_reason()
    {
        using var temp = new TempFiles();
        Enqueue(temp.Directory);
        using var queue = EmbeddedStoreQueue.Open(temp.Directory);
        queue.TryClaim(Mnist, "w", TimeSpan.FromMinutes(1));

        queue.FailClaim("1", "w", "the config built now differs from the queued one at lr");

        using var store = RunStore.Open(temp.Directory);
        var run = store.GetRun(1)!;
        Assert.Equal("FAILED", run.Summary.Status);
        Assert.Equal(["the config built now differs from the queued one at lr\n"], run.FailTrace);
    }

    [Fact]
    public void A_version_3_store_with_queued_runs_is_upgraded_and_its_runs_can_be_claimed()
    {
        using var temp = new TempFiles();
        Enqueue(temp.Directory);
        Execute(temp.Directory, """
            DROP TRIGGER metric_chunk_summaries_follow_chunks; DROP TABLE metric_chunk_summaries;
            DROP TABLE build_files; DROP TABLE builds; ALTER TABLE run_records DROP COLUMN build_hash;
            DROP INDEX runs_by_queue; DROP INDEX runs_by_lease;
            ALTER TABLE runs DROP COLUMN worker; ALTER TABLE runs DROP COLUMN lease_expires; ALTER TABLE runs DROP COLUMN attempts;
            PRAGMA user_version = 3;
            """);

        using var queue = EmbeddedStoreQueue.Open(temp.Directory);

        Assert.Equal("1", queue.TryClaim(Mnist, "w", TimeSpan.FromMinutes(1))!.RunId);
    }
}
