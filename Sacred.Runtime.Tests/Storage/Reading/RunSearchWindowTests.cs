using System.Collections.Generic;
using System.Linq;
using Sacred.Recording;
using Sacred.Storage.Reading;
using Xunit;
using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage.Reading;

/// <summary>
/// A filtered page is first looked for in a window of the first runs in sort order, checked run by run, and only
/// then by walking the whole order: both must give the same runs in the same order, page after page.
/// </summary>
public sealed class RunSearchWindowTests : System.IDisposable
{
    private readonly TempFiles _temp = new();
    private readonly RunStore _store;

    public RunSearchWindowTests()
    {
        string[] optimizers = ["adam", "sgd", "adamw"];
        for (var i = 0; i < 60; i++)
        {
            var started = Started(seed: i) with
            {
                Config = Started().Config
                    .WithValue("learning_rate", ConfigNode.From(((i * 37) % 60) / 100.0))
                    .WithValue("name", ConfigNode.From(optimizers[i % 3])),
            };
            var observer = OpenObserver(_temp.Directory);
            observer.StartedEvent(started);
            observer.HeartbeatEvent(Beat(Start.AddSeconds(5), metrics: Metric("loss", 0, Start, 1.0 + ((i * 13) % 60), 0.5 + ((i * 7) % 60))));
            observer.EndedEvent(new RunEndedEvent(Start.AddMinutes(i), RunStatus.Completed, null, null));
            observer.Close();
        }

        _store = RunStore.Open(_temp.Directory);
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
    }

    public static TheoryData<string, bool> Sorts => new()
    {
        { "id", true },
        { "id", false },
        { "config.learning_rate", true },
        { "config.learning_rate", false },
        { "metrics.loss.min", false },
        { "metrics.loss.last", true },
    };

    [Theory]
    [MemberData(nameof(Sorts))]
    public void Pages_of_a_filtered_sort_are_the_whole_ordering_cut_in_pieces(string sort, bool descending)
    {
        var adam = new FieldComparison(RunField.Config("name"), ComparisonOperator.Equal, FilterValue.FromText("adam"));
        var low = new FieldComparison(RunField.Config("learning_rate"), ComparisonOperator.Less, FilterValue.FromNumber(0.3));
        var lossy = new FieldComparison(RunField.Metric("loss", MetricAggregate.Max), ComparisonOperator.Greater, FilterValue.FromNumber(40));
        RunFilter[] filters =
        [
            new AnyOf([new AllOf([adam, low]), lossy]),
            new Not(adam),
            new FieldComparison(RunField.Config("name"), ComparisonOperator.Contains, FilterValue.FromText("ADA")),
        ];
        Assert.True(RunField.TryParse(sort, out var field));
        foreach (var filter in filters)
        {
            var all = _store.Search(new RunSearch { Filter = filter, SortBy = field, Descending = descending, Limit = 1000 }).Select(r => r.Summary.Id).ToList();
            Assert.Equal(_store.Count(filter), all.Count);
            Assert.InRange(all.Count, 10, 50);
            var paged = new List<long>();
            for (var offset = 0; offset < all.Count; offset += 4)
            {
                paged.AddRange(_store.Search(new RunSearch { Filter = filter, SortBy = field, Descending = descending, Offset = offset, Limit = 4 }).Select(r => r.Summary.Id));
            }

            Assert.Equal(all, paged);
        }
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public void Pages_of_an_unfiltered_sort_are_the_ones_a_filter_matching_every_run_gives(string sort, bool descending)
    {
        // Without a filter the walk stays in the value index; with one it joins every run: the same pages.
        Assert.True(RunField.TryParse(sort, out var field));
        var everyRun = new FieldComparison(RunField.Attribute("id"), ComparisonOperator.Greater, FilterValue.FromNumber(0));
        for (var offset = 0; offset < 64; offset += 7)
        {
            var plain = _store.Search(new RunSearch { SortBy = field, Descending = descending, Offset = offset, Limit = 7 }).Select(r => r.Summary.Id);
            var filtered = _store.Search(new RunSearch { Filter = everyRun, SortBy = field, Descending = descending, Offset = offset, Limit = 7 }).Select(r => r.Summary.Id);
            Assert.Equal(filtered, plain);
        }
    }
}
