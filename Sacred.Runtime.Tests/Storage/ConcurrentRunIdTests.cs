using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sacred.Observers;
using Sacred.Storage.Reading;
using Xunit;

using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

public sealed class ConcurrentRunIdTests
{
    [Fact]
    public void Sixteen_observers_starting_at_once_on_a_new_store_get_sixteen_distinct_ids()
    {
        using var temp = new TempFiles();
        const int writers = 16;
        using var ready = new Barrier(writers);
        var ids = new string?[writers];
        var observers = new EmbeddedStoreObserver[writers];
        var errors = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, writers).Select(i => new Thread(() =>
        {
            observers[i] = new EmbeddedStoreObserver(temp.Directory);
            ready.SignalAndWait();
            try
            {
                observers[i].Open();
                ids[i] = observers[i].StartedEvent(Started(comment: "writer " + i));
                observers[i].HeartbeatEvent(Beat(Start.AddSeconds(1), $"writer {i}\n"));
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        foreach (var observer in observers)
        {
            observer.Close();
        }

        Assert.Empty(errors);

        Assert.Equal(Enumerable.Range(1, writers).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), ids.Order());
        using var store = RunStore.Open(temp.Directory);
        Assert.Equal(writers, store.ListRuns(new RunQuery()).TotalCount);
        for (var i = 0; i < writers; i++)
        {
            var id = long.Parse(ids[i]!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"writer {i}\n", store.ReadOutput(id, 0, 100)!.Text);
            Assert.Equal("writer " + i, store.GetRun(id)!.Summary.Comment);
        }
    }

    [Fact]
    public async Task Readers_see_whole_heartbeats_while_a_writer_appends()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        using var store = RunStore.Open(temp.Directory);
        var writing = Task.Run(() =>
        {
            for (var beat = 0; beat < 50; beat++)
            {
                observer.HeartbeatEvent(Beat(Start, "0123456789", metrics: Metric("x", beat * 100, Start, new double[100])));
            }
        });

        while (!writing.IsCompleted)
        {
            var run = store.GetRun(1)!;
            Assert.Equal(0, run.OutputChars % 10);
            var count = run.Metrics.SingleOrDefault()?.Count ?? 0;
            Assert.Equal(0, count % 100);
        }

        await writing;
        observer.Close();
        Assert.Equal(5000, store.GetMetric(1, "x", 10_000)!.Points.Count);
    }
}
