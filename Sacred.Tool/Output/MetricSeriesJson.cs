using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Output;

/// <summary><c>sacred metrics ID NAME --json</c>: one series as parallel arrays, possibly downsampled.</summary>
internal sealed record MetricSeriesJson(
    string Name,
    long Total,
    bool Downsampled,
    IReadOnlyList<long> Steps,
    IReadOnlyList<double> Values,
    IReadOnlyList<string> Timestamps)
{
    public static MetricSeriesJson From(MetricSeries series) => new(
        series.Name,
        series.TotalCount,
        series.Downsampled,
        [.. series.Points.Select(p => p.Step)],
        [.. series.Points.Select(p => p.Value)],
        [.. series.Points.Select(p => p.Time.ToString("O", CultureInfo.InvariantCulture))]);
}
