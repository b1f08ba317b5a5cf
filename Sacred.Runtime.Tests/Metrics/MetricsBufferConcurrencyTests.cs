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

        // Steps are assigned in logging order, so the shared counter has no gaps and no repeats; each thread's
        // points appear in the order that thread logged them.
        var shared = drained["shared"];
        Assert.Equal(Threads * PointsPerThread / 2, shared.Count);
        var nextFromThread = new int[Threads];
        for (int at = 0; at < shared.Count; at++)
        {
            var (step, value, _) = shared[at];
            int thread = (int)(value / PointsPerThread);
            int i = (int)(value - (thread * (double)PointsPerThread));
            if (step != at || i != nextFromThread[thread])
            {
                Assert.Fail($"shared point {at}: step {step}, thread {thread} point {i}, expected point {nextFromThread[thread]}");
            }

            nextFromThread[thread] += 2;
        }

        for (int thread = 0; thread < Threads; thread++)
        {
            Assert.Equal(PointsPerThread, nextFromThread[thread]);
            var own = drained["thread" + thread];
            Assert.Equal(PointsPerThread / 2, own.Count);
            for (int at = 0; at < own.Count; at++)
            {
                if (own[at].Step != (2 * at) + 1 || own[at].Value != (2 * at) + 1)
                {
                    Assert.Fail($"thread{thread} point {at}: step {own[at].Step}, value {own[at].Value}");
                }
            }
        }
    }
}
