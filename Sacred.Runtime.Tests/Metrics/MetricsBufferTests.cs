using System;
using System.Linq;
using Sacred.Metrics;
using Xunit;

namespace Sacred.Runtime.Tests.Metrics;

public sealed class MetricsBufferTests
{
    [Fact]
    public void Automatic_steps_count_from_zero_per_metric()
    {
        var buffer = new MetricsBuffer();
        buffer.Log("loss", 0.9);
        buffer.Log("acc", 0.1);
        buffer.Log("loss", 0.5);
        buffer.Log("loss", 0.4);
        buffer.Log("acc", 0.2);

        var drained = DrainedPoints.From(buffer);

        Assert.Equal([0L, 1, 2], drained["loss"].Select(p => p.Step));
        Assert.Equal([0.9, 0.5, 0.4], drained["loss"].Select(p => p.Value));
        Assert.Equal([0L, 1], drained["acc"].Select(p => p.Step));
        Assert.Equal([0.1, 0.2], drained["acc"].Select(p => p.Value));
    }

    [Fact]
    public void An_explicit_step_resets_the_counter_of_its_metric_only()
    {
        var buffer = new MetricsBuffer();
        buffer.Log("loss", 1);
        buffer.Log("loss", 2);
        buffer.Log("acc", 3);
        buffer.Log("loss", 4, step: 10);
        buffer.Log("loss", 5);
        buffer.Log("acc", 6);
        buffer.Log("loss", 7, step: 3);
        buffer.Log("loss", 8);

        var drained = DrainedPoints.From(buffer);

        Assert.Equal([0L, 1, 10, 11, 3, 4], drained["loss"].Select(p => p.Step));
        Assert.Equal([1.0, 2, 4, 5, 7, 8], drained["loss"].Select(p => p.Value));
        Assert.Equal([0L, 1], drained["acc"].Select(p => p.Step));
    }

    [Fact]
    public void An_explicit_first_step_sets_where_automatic_steps_continue()
    {
        var buffer = new MetricsBuffer();
        buffer.Log("val.acc", 0.5, step: 100);
        buffer.Log("val.acc", 0.6);
        buffer.Log("val.acc", 0.7, step: 100);

        Assert.Equal([100L, 101, 100], DrainedPoints.From(buffer)["val.acc"].Select(p => p.Step));
    }

    [Fact]
    public void Steps_continue_across_drains()
    {
        var buffer = new MetricsBuffer();
        buffer.Log("loss", 1);
        buffer.Log("loss", 2);
        var drained = DrainedPoints.From(buffer);
        buffer.Log("loss", 3);
        buffer.Log("loss", 4, step: 50);
        drained.Add(buffer.Drain());
        buffer.Log("loss", 5);
        drained.Add(buffer.Drain());

        Assert.Equal([0L, 1, 2, 50, 51], drained["loss"].Select(p => p.Step));
    }

    [Fact]
    public void A_drain_returns_each_point_once()
    {
        var buffer = new MetricsBuffer();
        buffer.Log("loss", 1);
        Assert.Single(buffer.Drain());

        Assert.Empty(buffer.Drain());

        buffer.Log("loss", 2);
        var batch = Assert.Single(buffer.Drain());
        Assert.Equal("loss", batch.Name);
        Assert.Equal([2.0], batch.Values.ToArray());
        Assert.Empty(buffer.Drain());
    }

    [Fact]
    public void Points_across_many_chunks_keep_logging_order_and_every_drain_takes_the_rest()
    {
        var buffer = new MetricsBuffer();
        var drained = new DrainedPoints();
        const int Points = 10 * MetricChunk.Capacity + 17;
        for (int i = 0; i < Points; i++)
        {
            buffer.Log(i % 3 == 0 ? "a" : "b", i);
            if (i % 5000 == 4999)
            {
                drained.Add(buffer.Drain());
            }
        }

        drained.Add(buffer.Drain());

        Assert.Equal(Points, drained.Count);
        Assert.Equal(Points, buffer.TotalPoints);
        Assert.Equal(Enumerable.Range(0, Points).Where(i => i % 3 == 0).Select(i => (double)i), drained["a"].Select(p => p.Value));
        Assert.Equal(Enumerable.Range(0, Points).Where(i => i % 3 != 0).Select(i => (double)i), drained["b"].Select(p => p.Value));
        Assert.Equal(Enumerable.Range(0, drained["b"].Count).Select(i => (long)i), drained["b"].Select(p => p.Step));
    }

    [Fact]
    public void Timestamps_are_utc_unix_milliseconds_close_to_the_wall_clock_and_never_decrease()
    {
        var buffer = new MetricsBuffer();
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (int i = 0; i < 1000; i++)
        {
            buffer.Log("loss", i);
        }

        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var timestamps = DrainedPoints.From(buffer)["loss"].Select(p => p.TimestampMs).ToList();
        // The stamp lags true time by about one tick of the coarse clock (4 ms here, 15.6 ms on Windows); the
        // margin also covers a loaded machine descheduling this thread between the reads.
        Assert.All(timestamps, t => Assert.InRange(t, before - 100, after + 100));
        Assert.Equal(timestamps.Order(), timestamps);
    }

    [Fact]
    public void Names_are_told_apart_by_text_not_by_reference()
    {
        var buffer = new MetricsBuffer();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 500; i++)
            {
                buffer.Log("layer." + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i);
            }
        }

        var drained = DrainedPoints.From(buffer);

        Assert.Equal(500, drained.Names.Count);
        Assert.All(Enumerable.Range(0, 500), i =>
        {
            var points = drained["layer." + i.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal([0L, 1, 2], points.Select(p => p.Step));
            Assert.All(points, p => Assert.Equal(i, p.Value));
        });
    }

    [Fact]
    public void The_flush_request_fires_once_per_crossing_of_the_threshold()
    {
        var buffer = new MetricsBuffer(flushThreshold: 4 * MetricChunk.Capacity);
        int requests = 0;
        buffer.SetFlushRequest(() => requests++);

        Log(buffer, 4 * MetricChunk.Capacity);
        Assert.Equal(0, requests);

        Log(buffer, 1);
        Assert.Equal(1, requests);

        Log(buffer, 10 * MetricChunk.Capacity);
        Assert.Equal(1, requests);

        Assert.Equal(14 * MetricChunk.Capacity + 1, DrainedPoints.From(buffer).Count);
        Log(buffer, 2 * MetricChunk.Capacity);
        Assert.Equal(1, requests);
        Log(buffer, 3 * MetricChunk.Capacity);
        Assert.Equal(2, requests);
    }

    [Fact]
    public void Logging_allocates_nothing_once_names_are_known_and_chunks_are_pooled()
    {
        var buffer = new MetricsBuffer();
        for (int round = 0; round < 2; round++)
        {
            Log(buffer, 20 * MetricChunk.Capacity);
            buffer.Drain();
        }

        // Tiered compilation may still re-JIT the loop during a round and allocate for that; steady state is
        // what counts, so the best of three rounds must allocate nothing.
        var fewest = long.MaxValue;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            Log(buffer, 20 * MetricChunk.Capacity);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - allocated);
            buffer.Drain();
        }

        Assert.Equal(0, fewest);
        Assert.Equal(100 * MetricChunk.Capacity, buffer.TotalPoints);
    }

    [Fact]
    public void A_drain_after_batches_were_returned_reuses_their_arrays()
    {
        var buffer = new MetricsBuffer();
        Log(buffer, 50_000);
        var first = buffer.Drain();
        Assert.Equal(50_000, first.Sum(b => b.Count));
        MetricsBuffer.Return(first);
        Log(buffer, 50_000);

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        var second = buffer.Drain();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        // The batch objects and the list are new; the 1.2 MB of arrays are not.
        Assert.InRange(allocated, 0, 1024);
        var steps = second.Single(b => b.Name == "loss").Steps;
        Assert.Equal(Enumerable.Range(25_000, 25_000).Select(i => (long)i), steps.ToArray());
    }

    [Fact]
    public void A_null_name_is_refused()
    {
        var buffer = new MetricsBuffer();
        Assert.Throws<ArgumentNullException>(() => buffer.Log(null!, 1));
        Assert.Throws<ArgumentNullException>(() => buffer.Log(null!, 1, 0));
    }

    private static void Log(MetricsBuffer buffer, int points)
    {
        for (int i = 0; i < points; i++)
        {
            if (i % 2 == 0)
            {
                buffer.Log("loss", i);
            }
            else
            {
                buffer.Log("acc", i, step: i);
            }
        }
    }
}
