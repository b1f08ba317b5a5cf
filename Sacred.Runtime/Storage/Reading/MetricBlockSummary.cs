using System;

namespace Sacred.Storage.Reading;

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
            int minAt = -1, maxAt = -1;
            for (var i = start; i < end; i++)
            {
                var value = values[i];
                if (double.IsNaN(value))
                {
                    continue;
                }

                if (minAt < 0 || value < values[minAt])
                {
                    minAt = i;
                }

                if (maxAt < 0 || value > values[maxAt])
                {
                    maxAt = i;
                }
            }

            blocks[b] = minAt < 0
                ? new MetricBlockSummary(end - start, steps[start], values[start], timestampsMs[start], false, 0, 0, 0, 0, 0, 0, 0, 0)
                : new MetricBlockSummary(
                    end - start, steps[start], values[start], timestampsMs[start], true,
                    minAt - start, steps[minAt], values[minAt], timestampsMs[minAt],
                    maxAt - start, steps[maxAt], values[maxAt], timestampsMs[maxAt]);
        }

        return blocks;
    }
}
