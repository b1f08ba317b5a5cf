using System;
using System.Linq;
using Sacred.Storage;
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

    [Fact]
    public void Block_summaries_give_every_bucket_its_exact_extremes_so_spikes_survive()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 100_000).Select(i => 1.0 / (1 + (i * 1e-4)) + (0.01 * random.NextDouble())).ToArray();
        values[12_345] = 99;
        values[77_777] = -99;
        values[50_000] = double.NaN;
        var steps = Enumerable.Range(0, values.Length).Select(i => (long)i).ToArray();
        var times = steps.Select(s => 1_700_000_000_000 + s).ToArray();

        var sampler = new MetricDownsampler(values.Length, 40);
        foreach (var (from, length) in new[] { (0, 65_536), (65_536, values.Length - 65_536) })
        {
            foreach (var block in MetricBlockSummary.Summarise(steps.AsSpan(from, length), values.AsSpan(from, length), times.AsSpan(from, length)))
            {
                sampler.AddBlock(block);
            }
        }

        var points = sampler.Finish();
        Assert.InRange(points.Count, 2, 40);
        Assert.Contains(points, p => p.Step == 12_345 && p.Value == 99);
        Assert.Contains(points, p => p.Step == 77_777 && p.Value == -99);
        Assert.Equal(points.Select(p => p.Step).Order(), points.Select(p => p.Step));

        var bands = sampler.Bands;
        Assert.All(points.Select((p, i) => (p, i)), x => Assert.InRange(x.p.Value, bands[x.i].Min, bands[x.i].Max));
        Assert.Equal(99, bands.Max(b => b.Max));
        Assert.Equal(-99, bands.Min(b => b.Min));
    }
}
