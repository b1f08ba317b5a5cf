using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sacred.Metrics;
using Xunit;

namespace Sacred.Runtime.Tests.Metrics;

public sealed class MetricsBufferCommitTests
{
    // Plays a producer that has claimed a slot and is preempted before writing it, in a chunk that is being used
    // for the second time (its slots still hold the first use's points): Drain must wait for that slot, not skip
    // it and not take the stale point.
    [Fact]
    public async Task Drain_waits_for_a_claimed_slot_of_a_reused_chunk_and_keeps_claim_order()
    {
        var buffer = new MetricsBuffer();
        for (int i = 0; i < 3 * MetricChunk.Capacity; i++)
        {
            buffer.Log("loss", -1);
        }

        buffer.Drain();
        buffer.Log("loss", 1);
        MetricChunk reused = buffer.CurrentChunk;
        Assert.Equal(3 * MetricChunk.Capacity, reused.FirstIndex);
        Assert.NotEqual(0, reused.Points[1].Tag);

        int claimed = Interlocked.Increment(ref reused.Reserved) - 1;
        buffer.Log("loss", 3);
        var drain = Task.Run(() => buffer.Drain());

        Assert.NotSame(drain, await Task.WhenAny(drain, Task.Delay(200)));
        Commit(reused, claimed, 2);

        var batch = Assert.Single(await drain);
        Assert.Equal([1.0, 2, 3], batch.Values.ToArray());
        Assert.Equal(Enumerable.Range(3 * MetricChunk.Capacity, 3).Select(i => (long)i), batch.Steps.ToArray());
    }

    private static void Commit(MetricChunk chunk, int slot, double value)
    {
        ref MetricSlot point = ref chunk.Points[slot];
        point.Value = value;
        point.TimestampMs = MetricClock.UnixMs;
        Volatile.Write(ref point.Tag, MetricSlot.AutoStepTag(0) | chunk.LapBit);
    }
}
