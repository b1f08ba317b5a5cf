using System;

namespace Sacred.Storage.Reading;

/// <summary>
/// A metric's summaries, kept up to date as points are written, so runs can be sorted and filtered on them
/// without reading the points. Min and max ignore NaN (null when every value is NaN).
/// </summary>
/// <param name="Name">The metric name.</param>
/// <param name="Count">How many points were logged.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="MinStep">The step of the first point with the smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="MaxStep">The step of the first point with the largest value.</param>
/// <param name="Last">The value logged last (may be NaN).</param>
/// <param name="LastStep">The step logged last.</param>
/// <param name="FirstTime">When the first point was logged (UTC).</param>
/// <param name="LastTime">When the last point was logged (UTC).</param>
/// <param name="Mean">The mean of the values (NaN skipped); null when every value is NaN.</param>
public sealed record MetricSummary(
    string Name,
    long Count,
    double? Min,
    long? MinStep,
    double? Max,
    long? MaxStep,
    double Last,
    long LastStep,
    DateTime FirstTime,
    DateTime LastTime,
    double? Mean = null);
