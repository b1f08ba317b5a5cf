using System;
using System.Collections.Generic;


namespace Sacred.Storage.Reading;

/// <summary>One page of runs to find: filter, order, page and the extra columns to read.</summary>
public sealed record RunSearch
{
    /// <summary>The condition; null matches every run.</summary>
    public RunFilter? Filter { get; init; }

    /// <summary>The field to order by (any attribute, config key or metric summary); runs without a value come last either way, ties by id.</summary>
    public RunField SortBy { get; init; } = RunField.Id;

    /// <summary>Largest first (default: newest runs first).</summary>
    public bool Descending { get; init; } = true;

    /// <summary>How many matching runs to skip.</summary>
    public int Offset { get; init; }

    /// <summary>The most runs to return (at most 1,000).</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Config keys and metric summaries to read for each run, in <see cref="RunRow.Values"/>.</summary>
    public IReadOnlyList<RunField> Columns { get; init; } = [];

    /// <summary>How stale a RUNNING run's heartbeat must be to count as probably dead; null: the store's <see cref="RunStore.DeadAfter"/>.</summary>
    public TimeSpan? DeadAfter { get; init; }
}
