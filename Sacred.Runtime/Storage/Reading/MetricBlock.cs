namespace Sacred.Storage.Reading;

/// <summary>A run of consecutive points of a metric, as stored (one chunk), in logging order.</summary>
/// <param name="Steps">The steps.</param>
/// <param name="Values">The values (NaN and infinities as logged).</param>
/// <param name="TimestampsMs">When each was logged, in Unix milliseconds.</param>
public sealed record MetricBlock(long[] Steps, double[] Values, long[] TimestampsMs);
