using System.Linq;
using System.Threading;
using Sacred.Metrics;
using Xunit;

namespace Sacred.Runtime.Tests.Metrics;

public sealed class MetricsBufferConcurrencyTests
{
    private const int Threads = 4;
    private const int PointsPerThread = 250_000;

    [Fact]
    public void Several_producers_lose_and_duplicate_nothing()
    {
        var buffer = new MetricsBuffer();

        RunProducers(buffer);

        AssertEveryPointOnce(buffer, DrainedPoints.From(buffer));
    }

    [Fact]
    public void Draining_while_producers_log_loses_and_duplicates_nothing()
    {
        // A small threshold makes the flush request part of the run too.
        var buffer = new MetricsBuffer(flushThreshold: 8 * MetricChunk.Capacity);
        using var flush = new AutoResetEvent(false);
        buffer.SetFlushRequest(() => flush.Set());
        var drained = new DrainedPoints();
        bool producing = true;
        var consumer = new Thread(() =>
        {
            while (Volatile.Read(ref producing))
            {
                flush.WaitOne(1);
                drained.Add(buffer.Drain());
            }
        });
        consumer.Start();

        RunProducers(buffer);
        Volatile.Write(ref producing, false);
        consumer.Join();
        drained.Add(buffer.Drain());

        Assert.True(drained.Drains > 2, $"only {drained.Drains} drains");
        AssertEveryPointOnce(buffer, drained);
    }

    // Each thread alternates: a point of the metric all threads share (automatic step; the value says which
    // thread logged it and when), then a point of its own metric at an explicit step.
    private static void RunProducers(MetricsBuffer buffer)
    {
        using var start = new Barrier(Threads);
        var producers = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            string own = "thread" + thread;
            start.SignalAndWait();
            for (int i = 0; i < PointsPerThread; i++)
            {
                if (i % 2 == 0)
                {
                    buffer.Log("shared", (thread * (double)PointsPerThread) + i);
                }
                else
                {
                    buffer.Log(own, i, step: i);
                }
            }
        })).ToList();
        producers.ForEach(p => p.Start());
        producers.ForEach(p => p.Join());
    }

    private static void AssertEveryPointOnce(MetricsBuffer buffer, DrainedPoints drained)
    {
        Assert.Equal(Threads * PointsPerThread, buffer.TotalPoints);
        Assert.Equal(Threads * PointsPerThread, drained.Count);

        // Steps are assigned in logging order, so the shared counter has no gaps and no repeats.
        var shared = drained["shared"];
        Assert.Equal(Enumerable.Range(0, Threads * PointsPerThread / 2).Select(i => (long)i), shared.Select(p => p.Step));

        for (int thread = 0; thread < Threads; thread++)
        {
            var expected = Enumerable.Range(0, PointsPerThread / 2).Select(i => 2 * i).ToList();
            var fromThread = shared
                .Where(p => (int)(p.Value / PointsPerThread) == thread)
                .Select(p => (int)(p.Value - (thread * (double)PointsPerThread)));
            Assert.Equal(expected, fromThread);

            var own = drained["thread" + thread];
            Assert.Equal(expected.Select(i => (long)i + 1), own.Select(p => p.Step));
            Assert.Equal(expected.Select(i => i + 1.0), own.Select(p => p.Value));
        }
    }
}
