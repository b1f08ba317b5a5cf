using System;
using System.Collections.Generic;

namespace Sacred.Board.Query;

/// <summary>What a query is read against: the known keys (for "did you mean"), the clock and the user's time zone.</summary>
public sealed record QueryContext
{
    /// <summary>The store's config keys; null accepts any key.</summary>
    public IReadOnlyCollection<string>? ConfigKeys { get; init; }

    /// <summary>The store's metric names; null accepts any name.</summary>
    public IReadOnlyCollection<string>? Metrics { get; init; }

    /// <summary>Now, for <c>2d ago</c> and <c>today</c>.</summary>
    public DateTime UtcNow { get; init; } = DateTime.UtcNow;

    /// <summary>The user's offset from UTC, for dates without a time zone (<c>2026-11-01</c> means local midnight).</summary>
    public TimeSpan UtcOffset { get; init; }
}
