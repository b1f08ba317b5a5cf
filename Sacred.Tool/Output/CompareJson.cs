using System.Collections.Generic;

namespace Sacred.Tool.Output;

/// <summary>
/// <c>sacred compare ID ID... --json</c>: the runs, each differing config key with one value per run (null where a
/// run lacks the key), and each run's metric summaries.
/// </summary>
internal sealed record CompareJson(
    IReadOnlyList<RunSummaryJson> Runs,
    SortedDictionary<string, IReadOnlyList<ConfigNode?>> ConfigDifferences,
    IReadOnlyList<CompareJson.RunMetricsJson> Metrics)
{
    /// <summary>One run's metric summaries, by name.</summary>
    internal sealed record RunMetricsJson(SortedDictionary<string, MetricSummaryJson> Summaries);
}
