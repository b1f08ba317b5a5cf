using System;
using System.Linq;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Runtime.Tests.Storage.Reading;

public sealed class MetricDownsamplerTests
{
    private static MetricPoint[] Downsample(double[] values, int maxPoints)
    {
        var sampler = new MetricDownsampler(values.Length, maxPoints);
        var steps = Enumerable.Range(0, values.Length).Select(i => (long)i).ToArray();
        var times = new long[values.Length];
        sampler.Add(steps.AsSpan(0, 3), values.AsSpan(0, 3), times.AsSpan(0, 3));
        sampler.Add(steps.AsSpan(3), values.AsSpan(3), times.AsSpan(3));
        return [.. sampler.Finish()];
    }

    [Fact]
    public void Each_bucket_gives_its_extremes_in_logging_order_and_NaN_never_wins()
    {
        //                 bucket 0 (max first)     bucket 1 (one extreme)  bucket 2 (NaN only)             bucket 3 (short)
        double[] values = [5, 1, double.NaN, -2, 3, 3, 3, 3, double.NaN, double.NaN, double.NaN, double.NaN, 7];

        var points = Downsample(values, 8);

        Assert.Equal([0L, 3, 4, 8, 12], points.Select(p => p.Step));
        Assert.Equal([5.0, -2, 3, double.NaN, 7], points.Select(p => p.Value));
    }

    [Fact]
    public void A_series_that_fits_is_returned_whole()
    {
        double[] values = [1, double.NaN, 3];
        Assert.Equal([1.0, double.NaN, 3], Downsample(values, 3).Select(p => p.Value));
    }
}
