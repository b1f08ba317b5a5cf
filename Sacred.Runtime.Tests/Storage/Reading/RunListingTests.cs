using System;
using System.Linq;
using Sacred.Recording;
using Sacred.Storage.Reading;
using Xunit;

using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage.Reading;

public sealed class RunListingTests : IDisposable
{
    private readonly TempFiles _temp = new();
    private readonly RunStore _store;
    private readonly DateTime _now = DateTime.UtcNow;

    public RunListingTests()
    {
        // 1: completed, 10 s, result 0.9, loss min 0.2 | 2: failed, 30 s, result 0.5, loss min 0.1
        // 3: running, beat just now | 4: running, last beat 10 min ago (probably dead), no result, no loss
        // 5: completed, other experiment, 20 s, result 0.7, loss min 0.3
        Record("mnist", "baseline run", _now.AddMinutes(-60), 10, RunStatus.Completed, 0.9, 0.2);
        Record("mnist", "try BIGGER lr", _now.AddMinutes(-50), 30, RunStatus.Failed, 0.5, 0.1);
        Record("mnist", "live", _now.AddMinutes(-1), null, null, null, 0.4, lastBeat: _now);
        Record("mnist", "crashed", _now.AddMinutes(-40), null, null, null, null, lastBeat: _now.AddMinutes(-10));
        Record("cifar", "baseline", _now.AddMinutes(-30), 20, RunStatus.Completed, 0.7, 0.3);
        _store = RunStore.Open(_temp.Directory);
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    private void Record(string experiment, string comment, DateTime start, int? seconds, string? status, double? result, double? lossMin, DateTime? lastBeat = null)
    {
        var observer = OpenObserver(_temp.Directory);
        observer.StartedEvent(Started(experiment: experiment, comment: comment, time: start));
        var metrics = lossMin is { } min ? new[] { Metric("val.loss", 0, start, min + 1, min, min + 0.5) } : [];
        observer.HeartbeatEvent(Beat(lastBeat ?? start.AddSeconds(1), metrics: metrics));
        if (status is not null)
        {
            observer.EndedEvent(new RunEndedEvent(start.AddSeconds(seconds!.Value), status, result is { } r ? ConfigNode.From(r) : null, null));
        }

        observer.Close();
    }

    private long[] Ids(RunQuery query) => [.. _store.ListRuns(query).Runs.Select(r => r.Id)];

    [Fact]
    public void By_default_runs_are_listed_newest_first_with_the_total()
    {
        var page = _store.ListRuns(new RunQuery());
        Assert.Equal(5, page.TotalCount);
        Assert.Equal([5L, 4, 3, 2, 1], page.Runs.Select(r => r.Id));
    }

    [Fact]
    public void A_stale_running_run_is_probably_dead_and_a_fresh_one_running()
    {
        var runs = _store.ListRuns(new RunQuery()).Runs;
        Assert.Equal(EffectiveStatus.ProbablyDead, runs.Single(r => r.Id == 4).Status);
        Assert.Equal(RunStatus.Running, runs.Single(r => r.Id == 3).Status);
        Assert.Equal([4L], Ids(new RunQuery { Statuses = [EffectiveStatus.ProbablyDead] }));
        Assert.Equal([3L], Ids(new RunQuery { Statuses = [RunStatus.Running] }));
        Assert.Equal([4L, 2], Ids(new RunQuery { Statuses = [EffectiveStatus.ProbablyDead, RunStatus.Failed] }));
        Assert.Equal([4L, 3], Ids(new RunQuery { Statuses = [RunStatus.Running], DeadAfter = TimeSpan.FromHours(1) }));
        Assert.Equal(EffectiveStatus.ProbablyDead, _store.GetRun(4)!.Summary.Status);
    }

    [Fact]
    public void Durations_end_at_the_stop_the_last_beat_of_a_dead_run_or_now()
    {
        var runs = _store.ListRuns(new RunQuery()).Runs.ToDictionary(r => r.Id);
        Assert.Equal(TimeSpan.FromSeconds(10), runs[1].Duration);
        Assert.Equal(TimeSpan.FromMinutes(30), runs[4].Duration);
        Assert.InRange(runs[3].Duration!.Value, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void A_run_that_died_before_its_first_beat_has_no_duration_rather_than_zero()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started(time: _now.AddMinutes(-10)));
        observer.Close();
        using var store = RunStore.Open(temp.Directory);

        var run = Assert.Single(store.ListRuns(new RunQuery()).Runs);

        Assert.Equal(EffectiveStatus.ProbablyDead, run.Status);
        Assert.Null(run.Duration);
        Assert.Null(store.GetRun(run.Id)!.Summary.Duration);
    }

    [Fact]
    public void Filters_by_experiment_and_comment_combine()
    {
        Assert.Equal([5L], Ids(new RunQuery { Experiment = "cifar" }));
        Assert.Equal([5L, 1], Ids(new RunQuery { CommentContains = "baseline" }));
        Assert.Equal([1L], Ids(new RunQuery { CommentContains = "BASELINE", Experiment = "mnist" }));
        Assert.Equal([2L], Ids(new RunQuery { CommentContains = "bigger" }));
        Assert.Empty(Ids(new RunQuery { Experiment = "none" }));
    }

    [Fact]
    public void Runs_sort_by_metric_summaries_result_duration_and_start_with_missing_values_last()
    {
        Assert.Equal([2L, 1, 5, 3, 4], Ids(new RunQuery { SortBy = "metrics.val.loss.min", Descending = false }));
        Assert.Equal([3L, 5, 1, 2, 4], Ids(new RunQuery { SortBy = "metrics.val.loss.min" }));
        Assert.Equal([3L, 5, 1, 2, 4], Ids(new RunQuery { SortBy = "metrics.val.loss.last" }));
        Assert.Equal([2L, 1, 5, 3, 4], Ids(new RunQuery { SortBy = "metrics.val.loss.max", Descending = false }));
        Assert.Equal([1L, 5, 2, 4, 3], Ids(new RunQuery { SortBy = "result" }));
        Assert.Equal([2L, 5, 1, 3, 4], Ids(new RunQuery { SortBy = "result", Descending = false }));
        Assert.Equal([1L, 2, 4, 5, 3], Ids(new RunQuery { SortBy = "start_time", Descending = false }));
        Assert.Equal([1L, 5, 2], Ids(new RunQuery { SortBy = "duration", Descending = false }).Take(3));
        Assert.Equal([1L, 5, 2, 4, 3], Ids(new RunQuery { SortBy = "status", Descending = false }));
        Assert.Equal([5L, 1, 2, 3, 4], Ids(new RunQuery { SortBy = "experiment", Descending = false }));
    }

    [Fact]
    public void Pages_cover_the_sorted_list_without_overlap()
    {
        var first = _store.ListRuns(new RunQuery { Limit = 2 });
        var second = _store.ListRuns(new RunQuery { Limit = 2, Offset = 2 });
        var last = _store.ListRuns(new RunQuery { Limit = 2, Offset = 4 });
        Assert.Equal(5, second.TotalCount);
        Assert.Equal([5L, 4, 3, 2, 1], first.Runs.Concat(second.Runs).Concat(last.Runs).Select(r => r.Id));
        Assert.Empty(_store.ListRuns(new RunQuery { Offset = 10 }).Runs);
    }

    [Fact]
    public void An_unknown_sort_key_names_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => _store.ListRuns(new RunQuery { SortBy = "metrics.loss.median" }));
        Assert.Contains("Unknown sort key 'metrics.loss.median'", error.Message, StringComparison.Ordinal);
        Assert.Contains("metrics.<name>.last|min|max|count", error.Message, StringComparison.Ordinal);
    }
}
