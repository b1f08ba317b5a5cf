using System.Collections.Generic;
using Sacred.Configuration;

namespace Sacred.Board.Api;

/// <summary>
/// A metric's points for a chart, as columns: steps, values (null for NaN or an infinity), times in Unix ms, and when
/// downsampled each point's bucket band (<see cref="Lo"/>, <see cref="Hi"/>). <see cref="RangeCount"/> is how many
/// points the step range [<see cref="From"/>, <see cref="To"/>] holds (the whole series when neither is given).
/// </summary>
internal sealed record ChartSeriesDto(
    string Name,
    long TotalCount,
    long RangeCount,
    long? From,
    long? To,
    bool Downsampled,
    IReadOnlyList<long> Steps,
    IReadOnlyList<double?> Values,
    IReadOnlyList<long> Times,
    IReadOnlyList<double?>? Lo,
    IReadOnlyList<double?>? Hi);

/// <summary>One run of a many-runs chart: what identifies it, the values of the chosen keys, and its series (null when it did not log the metric).</summary>
internal sealed record ChartRunDto(long Id, string Experiment, string Status, IReadOnlyList<ConfigNode?> Keys, ChartSeriesDto? Series);

/// <summary>
/// One metric over the filtered runs: <see cref="Total"/> runs match, the first <see cref="Runs"/> (newest first)
/// are drawn; <see cref="Keys"/> are the fields whose values each run carries (legend and grouping).
/// </summary>
internal sealed record ChartRunsDto(string Metric, long Total, IReadOnlyList<string> Keys, IReadOnlyList<ChartRunDto> Runs);

/// <summary>
/// Config values and metric summaries of the filtered runs, for parallel coordinates and scatter plots: one row per
/// run (newest first) with a value per field of <see cref="Fields"/>; <see cref="Total"/> runs match.
/// </summary>
internal sealed record ChartTableDto(long Total, IReadOnlyList<string> Fields, IReadOnlyList<ChartTableRowDto> Rows);

/// <summary>One run of a <see cref="ChartTableDto"/>.</summary>
internal sealed record ChartTableRowDto(long Id, string Experiment, IReadOnlyList<ConfigNode?> Values);
