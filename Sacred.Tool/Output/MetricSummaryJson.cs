using System;
using System.Collections.Generic;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Output;

/// <summary>A metric's summaries as <c>--json</c> writes them; a value that is not a finite number is null.</summary>
internal sealed record MetricSummaryJson(long Count, double? Min, long? MinStep, double? Max, long? MaxStep, double? Last, long LastStep)
{
    /// <summary>The summaries by metric name, in the store's (ordinal) order.</summary>
    public static SortedDictionary<string, MetricSummaryJson> ByName(IReadOnlyList<MetricSummary> metrics)
    {
        var byName = new SortedDictionary<string, MetricSummaryJson>(StringComparer.Ordinal);
        foreach (var m in metrics)
        {
            byName[m.Name] = new(m.Count, Finite(m.Min), m.MinStep, Finite(m.Max), m.MaxStep, Finite(m.Last), m.LastStep);
        }

        return byName;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
