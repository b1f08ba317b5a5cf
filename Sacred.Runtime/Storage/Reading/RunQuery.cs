using System;
using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>Filters, order and page for <see cref="RunStore.ListRuns"/>; every filter given must match.</summary>
public sealed record RunQuery
{
    /// <summary>
    /// Effective statuses to keep (any of them), e.g. <c>RUNNING</c>, <c>FAILED</c>,
    /// <see cref="EffectiveStatus.ProbablyDead"/>; null or empty keeps all. RUNNING means running and alive.
    /// </summary>
    public IReadOnlyList<string>? Statuses { get; init; }

    /// <summary>Keep runs of this experiment name only.</summary>
    public string? Experiment { get; init; }

    /// <summary>Keep runs whose comment contains this text (ASCII case-insensitive).</summary>
    public string? CommentContains { get; init; }

    /// <summary>
    /// The sort key: <c>id</c> (default), <c>start_time</c>, <c>stop_time</c>, <c>duration</c>, <c>result</c>,
    /// <c>status</c>, <c>experiment</c>, or a metric summary <c>metrics.&lt;name&gt;.last|min|max|count</c>
    /// (e.g. <c>metrics.validation.loss.min</c>). Runs without a value sort last either way; ties by id.
    /// </summary>
    public string SortBy { get; init; } = "id";

    /// <summary>Largest first (default: newest runs first).</summary>
    public bool Descending { get; init; } = true;

    /// <summary>How many matching runs to skip.</summary>
    public int Offset { get; init; }

    /// <summary>The most runs to return.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>How stale a RUNNING run's heartbeat must be to count as probably dead; null: the store's <see cref="RunStore.DeadAfter"/>.</summary>
    public TimeSpan? DeadAfter { get; init; }
}
