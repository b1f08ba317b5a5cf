using System;
using System.Globalization;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Output;

/// <summary>One run's row as <c>--json</c> writes it: stable keys, UTC ISO times, null for what is unknown.</summary>
internal sealed record RunSummaryJson(
    long Id,
    string? CustomId,
    string Experiment,
    string Command,
    string Status,
    string? QueueTime,
    string? StartTime,
    string? StopTime,
    string? Heartbeat,
    double? DurationSeconds,
    ConfigNode? Result,
    string? Comment,
    long Seed,
    string? Hostname)
{
    public static RunSummaryJson From(RunSummary run) => new(
        run.Id,
        run.CustomId,
        run.Experiment,
        run.Command,
        run.Status,
        Time(run.QueueTime),
        Time(run.StartTime),
        Time(run.StopTime),
        Time(run.Heartbeat),
        run.Duration?.TotalSeconds,
        run.Result,
        run.Comment,
        run.Seed,
        run.Hostname);

    /// <summary>A UTC time in the round-trip format, <c>2024-05-01T10:00:03.1230000Z</c>.</summary>
    public static string? Time(DateTime? time) =>
        time is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture) : null;
}
