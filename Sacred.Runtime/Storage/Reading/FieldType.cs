namespace Sacred.Storage.Reading;

/// <summary>What kind of values a <see cref="RunField"/> holds, which decides the comparisons and literals it takes.</summary>
public enum FieldType
{
    /// <summary>Numbers (ids, seeds, results, metric summaries).</summary>
    Number,

    /// <summary>Text (experiment, command, host, comment, notes).</summary>
    Text,

    /// <summary>A point in time, compared with dates (<c>2026-11-01</c>) or <c>2d ago</c>.</summary>
    Time,

    /// <summary>A length of time, compared with durations (<c>2h</c>, <c>90s</c>).</summary>
    Duration,

    /// <summary>The effective status: a recorded status or <c>PROBABLY_DEAD</c>; compared case-insensitively.</summary>
    Status,

    /// <summary>The run's tags: <c>tags = best</c> means "has the tag best".</summary>
    Tags,

    /// <summary>A config value: a number, text, <c>true</c>/<c>false</c>, a list (as its JSON text) or null.</summary>
    Config,
}
