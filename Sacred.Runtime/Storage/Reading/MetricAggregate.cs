namespace Sacred.Storage.Reading;

/// <summary>Which of a metric's summaries (kept at write time) a <see cref="RunField"/> reads.</summary>
public enum MetricAggregate
{
    /// <summary>The value logged last.</summary>
    Last,

    /// <summary>The smallest value (NaN skipped).</summary>
    Min,

    /// <summary>The largest value (NaN skipped).</summary>
    Max,

    /// <summary>The mean of the values (NaN skipped).</summary>
    Mean,

    /// <summary>How many points were logged.</summary>
    Count,
}
