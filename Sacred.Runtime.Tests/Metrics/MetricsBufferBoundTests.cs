using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sacred.Metrics;
using Xunit;

namespace Sacred.Runtime.Tests.Metrics;

/// <summary>
/// With a consumer attached, the points waiting for it are bounded: a producer that outruns it waits for room
/// (and is released by a drain, or when the consumer detaches), and a bounded drain takes whole chunks only.
/// </summary>
public sealed class MetricsBufferBoundTests
{
    private const int Threshold = 4 * MetricChunk.Capacity;

    // The most points that may wait: the pending bound plus the chunk being filled.
    private const int Bound = ((MetricsBuffer.MaxPendingThresholds * Threshold) + (3 * MetricChunk.Capacity));

    [Fact]
    public async Task A_producer_past_the_bound_waits_until_a_drain_makes_room()
    {
        var buffer = new MetricsBuffer(Threshold);
        var requests = 0;
        buffer.SetFlushRequest(() => Interlocked.Increment(ref requests));
        const int points = 3 * Bound;
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < points; i++)
            {
                buffer.Log("loss", i);
            }
        });

        // The producer stops at the bound, not after all its points.
        await WaitUntil(() => buffer.ProducerWaits > 0);
        Assert.False(producer.IsCompleted);
        Assert.InRange(buffer.TotalPoints, Threshold, Bound);
        Assert.True(Volatile.Read(ref requests) > 0);

        var drained = new DrainedPoints();
        while (!producer.IsCompleted || buffer.TotalPoints > drained.Count)
        {
            drained.Add(buffer.Drain(Threshold));
            await Task.Delay(1);
        }

        await producer;
        drained.Add(buffer.Drain());
        Assert.Equal(points, drained.Count);
        Assert.Equal(Enumerable.Range(0, points).Select(i => (double)i), drained["loss"].Select(p => p.Value));
        Assert.Equal(Enumerable.Range(0, points).Select(i => (long)i), drained["loss"].Select(p => p.Step));
    }

    [Fact]
    public async Task Detaching_the_consumer_releases_a_waiting_producer()
    {
        var buffer = new MetricsBuffer(Threshold);
        buffer.SetFlushRequest(() => { });
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 2 * Bound; i++)
            {
                buffer.Log("loss", i);
            }
        });
        await WaitUntil(() => buffer.ProducerWaits > 0);

        buffer.DetachConsumer();

        await producer;
        Assert.Equal(2 * Bound, DrainedPoints.From(buffer).Count);
    }

    [Fact]
    public void Without_a_consumer_nothing_waits()
    {
        var buffer = new MetricsBuffer(Threshold);
        for (var i = 0; i < 2 * Bound; i++)
        {
            buffer.Log("loss", i);
        }

        Assert.Equal(0, buffer.ProducerWaits);
        Assert.Equal(2 * Bound, DrainedPoints.From(buffer).Count);
    }

    [Fact]
    public void A_bounded_drain_takes_whole_chunks_and_says_what_is_left()
    {
        var buffer = new MetricsBuffer(Threshold);
        var points = (5 * MetricChunk.Capacity) + 7;
        for (var i = 0; i < points; i++)
        {
            buffer.Log("loss", i);
        }

        var drained = new DrainedPoints();
        drained.Add(buffer.Drain(MetricChunk.Capacity + 1));
        Assert.Equal(2 * MetricChunk.Capacity, drained.Count);
        Assert.True(buffer.HasBacklog);

        drained.Add(buffer.Drain(3 * MetricChunk.Capacity));
        Assert.Equal(5 * MetricChunk.Capacity, drained.Count);
        Assert.True(buffer.HasBacklog);

        drained.Add(buffer.Drain(3 * MetricChunk.Capacity));
        Assert.Equal(points, drained.Count);
        Assert.False(buffer.HasBacklog);
        Assert.Equal(Enumerable.Range(0, points).Select(i => (long)i), drained["loss"].Select(p => p.Step));
    }

    private static async Task WaitUntil(System.Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
