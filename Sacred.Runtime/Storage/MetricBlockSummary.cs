using System;

namespace Sacred.Storage;

/// <summary>
/// A block of up to <see cref="Size"/> consecutive points of a stored chunk, reduced to its first point and its
/// smallest and largest (first occurrence, NaN never wins), so a downsampling of millions of points reads a few
/// kilobytes instead of the points.
/// </summary>
internal readonly record struct MetricBlockSummary(
    int Count,
    long FirstStep,
    double FirstValue,
    long FirstTimeMs,
    bool HasExtremes,
    int MinIndex,
    long MinStep,
    double MinValue,
    long MinTimeMs,
    int MaxIndex,
    long MaxStep,
    double MaxValue,
    long MaxTimeMs)
{
    /// <summary>Points per block.</summary>
    public const int Size = 256;

    /// <summary>Summarises a chunk's points block by block.</summary>
    public static MetricBlockSummary[] Summarise(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs)
    {
        var blocks = new MetricBlockSummary[(steps.Length + Size - 1) / Size];
        for (var b = 0; b < blocks.Length; b++)
        {
            var start = b * Size;
            var end = Math.Min(start + Size, steps.Length);
            blocks[b] = Of(steps[start..end], values[start..end], timestampsMs[start..end]);
        }

        return blocks;
    }

    /// <summary>Summarises one block: the given points (at least one).</summary>
    public static MetricBlockSummary Of(ReadOnlySpan<long> steps, ReadOnlySpan<double> values, ReadOnlySpan<long> timestampsMs)
    {
        // The extremes are kept in registers and compared strictly, so the first occurrence wins and NaN (never
        // smaller or larger than anything) is skipped without a test; the writer runs this over every point it stores.
        var minAt = 0;
        while (minAt < values.Length && double.IsNaN(values[minAt]))
        {
            minAt++;
        }

        if (minAt == values.Length)
        {
            minAt = -1;
        }

        var maxAt = minAt;
        if (minAt >= 0)
        {
            double min = values[minAt], max = min;
            for (var i = minAt + 1; i < values.Length; i++)
            {
                var value = values[i];
                if (value < min)
                {
                    min = value;
                    minAt = i;
                }
                else if (value > max)
                {
                    max = value;
                    maxAt = i;
                }
            }
        }

        return minAt < 0
            ? new MetricBlockSummary(values.Length, steps[0], values[0], timestampsMs[0], false, 0, 0, 0, 0, 0, 0, 0, 0)
            : new MetricBlockSummary(
                values.Length, steps[0], values[0], timestampsMs[0], true,
                minAt, steps[minAt], values[minAt], timestampsMs[minAt],
                maxAt, steps[maxAt], values[maxAt], timestampsMs[maxAt]);
    }
}
