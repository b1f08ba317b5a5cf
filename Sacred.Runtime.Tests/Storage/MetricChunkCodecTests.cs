using System;
using Sacred.Storage;
using Xunit;

namespace Sacred.Runtime.Tests.Storage;

public sealed class MetricChunkCodecTests
{
    [Fact]
    public void Extreme_steps_times_and_values_round_trip_exactly()
    {
        long[] steps = [long.MinValue, long.MaxValue, 0, -5, 3];
        double[] values = [double.NaN, double.NegativeInfinity, -0.0, double.Epsilon, 1e308];
        long[] times = [0, long.MaxValue, long.MinValue, 1_764_000_000_000, 1_764_000_000_000];

        var chunk = MetricChunkCodec.Encode(steps, values, times);
        var readSteps = new long[5];
        var readValues = new double[5];
        var readTimes = new long[5];

        Assert.Equal(5, MetricChunkCodec.CountOf(chunk));
        Assert.Equal(5, MetricChunkCodec.Decode(chunk, readSteps, readValues, readTimes));
        Assert.Equal(steps, readSteps);
        Assert.Equal(times, readTimes);
        Assert.Equal(
            Array.ConvertAll(values, BitConverter.DoubleToInt64Bits),
            Array.ConvertAll(readValues, BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Consecutive_steps_logged_within_a_millisecond_take_ten_bytes_a_point()
    {
        const int count = 1000;
        var steps = new long[count];
        var values = new double[count];
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            steps[i] = i;
            values[i] = 1.0 / (i + 1);
            times[i] = 1_764_000_000_000 + (i / 100);
        }

        var chunk = MetricChunkCodec.Encode(steps, values, times);

        Assert.InRange(chunk.Length, 10 * count, (10 * count) + 16);
    }

    [Fact]
    public void A_chunk_of_an_unknown_format_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<System.IO.InvalidDataException>(() => MetricChunkCodec.CountOf([9, 0]));
        Assert.Contains("format 9", error.Message, StringComparison.Ordinal);
    }
}
