using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>A metric's points, in logging order, possibly downsampled.</summary>
/// <param name="Name">The metric name.</param>
/// <param name="TotalCount">How many points the run logged.</param>
/// <param name="Downsampled">
/// True when <see cref="Points"/> holds, for each of about <c>maxPoints / 2</c> consecutive buckets, the bucket's
/// smallest and largest point (so spikes survive); false when it holds every point (of the step range, if one was given).
/// </param>
/// <param name="Points">The points.</param>
public sealed record MetricSeries(string Name, long TotalCount, bool Downsampled, IReadOnlyList<MetricPoint> Points)
{
    /// <summary>How many points lie in the step range asked for; <see cref="TotalCount"/> when none was.</summary>
    public long RangeCount { get; init; } = TotalCount;

    /// <summary>When downsampled: for each of <see cref="Points"/>, its bucket's smallest and largest value; otherwise empty.</summary>
    public IReadOnlyList<MetricBand> Bands { get; init; } = [];
}
