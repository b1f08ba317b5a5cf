namespace Sacred.Storage.Reading;

/// <summary>The smallest and largest value of the bucket a downsampled point stands for (NaN for a bucket of NaN only).</summary>
/// <param name="Min">The bucket's smallest value.</param>
/// <param name="Max">The bucket's largest value.</param>
public readonly record struct MetricBand(double Min, double Max);
