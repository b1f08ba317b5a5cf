using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Sacred.Metrics;

/// <summary>
/// The clock that stamps metric points: a coarse monotonic tick count anchored once to UTC.
/// </summary>
/// <remarks>
/// <see cref="DateTime.UtcNow"/> and <see cref="Stopwatch.GetTimestamp"/> cost 23–40 ns on our VMs, about a whole
/// logged point's budget. <see cref="Environment.TickCount64"/> reads the kernel's coarse monotonic clock
/// (CLOCK_MONOTONIC_COARSE on Linux) in 8–10 ns; its resolution is one kernel tick: 4 ms on our Linux VMs (a
/// 250 Hz tick, measured by <c>bench/Sacred.Benchmarks -- rss10m</c>), 1 ms at 1000 Hz, 15.6 ms on Windows.
/// Metric timestamps are read by people and plotted against wall time, so a few milliseconds of resolution is
/// enough; logging order and steps carry the order.
/// </remarks>
internal static class MetricClock
{
    // Beyond this, the tick count and the wall clock have come apart for a reason slewing cannot explain
    // (the wall clock was set, the machine slept: the monotonic clock stops during suspend) and we re-anchor.
    // Smaller differences are left alone so that timestamps never step back between two drains.
    private const long MaxDriftMs = 1000;

    private static long s_offsetMs = Anchor();

    /// <summary>Now, as Unix epoch milliseconds (UTC), at the tick count's resolution.</summary>
    public static long UnixMs
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Environment.TickCount64 + Volatile.Read(ref s_offsetMs);
    }

    /// <summary>Anchors the clock now, if nothing has read it yet, so that the first read does not wait.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Prepare() => _ = Volatile.Read(ref s_offsetMs);

    /// <summary>
    /// Re-anchors to the wall clock when the two have drifted more than a second apart. Called by the consumer,
    /// off the hot path.
    /// </summary>
    public static void Resync()
    {
        long drift = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - UnixMs;
        if (Math.Abs(drift) > MaxDriftMs)
        {
            Volatile.Write(ref s_offsetMs, Anchor());
        }
    }

    private static long Anchor()
    {
        // Reading the wall clock right after the tick count changes makes the offset exact to well under a
        // millisecond, so stamps lag true time by at most one tick and are never in the future. Without this
        // they could be off by a tick in either direction.
        long start = Environment.TickCount64;
        long deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;
        long ticks;
        while ((ticks = Environment.TickCount64) == start && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(16);
        }

        return DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - ticks;
    }
}
