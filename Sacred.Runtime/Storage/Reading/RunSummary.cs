using System;

namespace Sacred.Storage.Reading;

/// <summary>One row of the runs table.</summary>
/// <param name="Id">The run id.</param>
/// <param name="CustomId">The non-numeric id given with <c>-i</c>, if any.</param>
/// <param name="Experiment">The experiment name.</param>
/// <param name="Command">The command run.</param>
/// <param name="Status">The effective status: as recorded, except that a stale RUNNING run is <see cref="EffectiveStatus.ProbablyDead"/>.</param>
/// <param name="QueueTime">When it was queued (<c>-q</c>), UTC.</param>
/// <param name="StartTime">When it started, UTC.</param>
/// <param name="StopTime">When it ended, UTC.</param>
/// <param name="Heartbeat">The last heartbeat, UTC.</param>
/// <param name="Duration">Stop minus start; for a live run, now minus start; for a dead one, last beat minus start,
/// unknown (null) when it died before its first beat.</param>
/// <param name="Result">The result (the main function's return value, or the value set during the run).</param>
/// <param name="Comment">The <c>-c</c> comment.</param>
/// <param name="Seed">The root seed.</param>
/// <param name="Hostname">The machine it ran on.</param>
public sealed record RunSummary(
    long Id,
    string? CustomId,
    string Experiment,
    string Command,
    string Status,
    DateTime? QueueTime,
    DateTime? StartTime,
    DateTime? StopTime,
    DateTime? Heartbeat,
    TimeSpan? Duration,
    ConfigNode? Result,
    string? Comment,
    long Seed,
    string? Hostname);
