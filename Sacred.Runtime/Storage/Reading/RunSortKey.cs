using System;

namespace Sacred.Storage.Reading;

/// <summary>A parsed <see cref="RunQuery.SortBy"/>: the column of the listing to order by, and the metric to join.</summary>
/// <param name="Column">A column of the listing (see <see cref="RunListing"/>).</param>
/// <param name="MetricName">The metric whose summary is sorted on, or null.</param>
/// <param name="MetricColumn">The column of <c>metrics</c> holding that summary, or null.</param>
internal sealed record RunSortKey(string Column, string? MetricName, string? MetricColumn)
{
    public const string Valid =
        "id, start_time, stop_time, duration, result, status, experiment, metrics.<name>.last|min|max|count";

    public static RunSortKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        switch (key)
        {
            case "id":
                return new("id", null, null);
            case "start_time":
            case "stop_time":
            case "duration":
                return new(key, null, null);
            case "result":
                return new("result_value", null, null);
            case "status":
                return new("effective_status", null, null);
            case "experiment":
                return new("experiment_name", null, null);
        }

        const string prefix = "metrics.";
        var dot = key.LastIndexOf('.');
        if (key.StartsWith(prefix, StringComparison.Ordinal) && dot > prefix.Length)
        {
            var column = key[(dot + 1)..] switch
            {
                "last" => "last_value",
                "min" => "min_value",
                "max" => "max_value",
                "count" => "count",
                _ => null,
            };
            if (column is not null)
            {
                return new("sort_metric", key[prefix.Length..dot], column);
            }
        }

        throw new ArgumentException($"Unknown sort key '{key}'. Valid keys: {Valid}.", nameof(key));
    }
}
