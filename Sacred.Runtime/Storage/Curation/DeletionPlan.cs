using System;
using System.Collections.Generic;

namespace Sacred.Storage.Curation;

/// <summary>What deleting some runs would remove, shown to the user before anything goes.</summary>
/// <param name="Runs">The runs that would go.</param>
/// <param name="Missing">Ids asked for that are not in the store.</param>
/// <param name="Running">Ids of runs still RUNNING (alive): they are never deleted.</param>
/// <param name="Metrics">How many metric series would go.</param>
/// <param name="MetricPoints">How many metric points they hold.</param>
/// <param name="OutputChars">How much captured output would go, in chars.</param>
/// <param name="Artifacts">How many artifact entries would go.</param>
/// <param name="FilesFreed">Stored files (sources, artifacts) no other run uses: deleted with the runs.</param>
/// <param name="FilesShared">How many of the runs' files other runs also use: kept.</param>
public sealed record DeletionPlan(
    IReadOnlyList<PlannedRun> Runs,
    IReadOnlyList<long> Missing,
    IReadOnlyList<long> Running,
    long Metrics,
    long MetricPoints,
    long OutputChars,
    long Artifacts,
    IReadOnlyList<PlannedFile> FilesFreed,
    long FilesShared);

/// <summary>A run in a <see cref="DeletionPlan"/>.</summary>
/// <param name="Id">The id.</param>
/// <param name="Experiment">The experiment name.</param>
/// <param name="Status">The effective status.</param>
/// <param name="Start">When it started.</param>
public sealed record PlannedRun(long Id, string Experiment, string Status, DateTime? Start);

/// <summary>A stored file that a deletion frees.</summary>
/// <param name="Hash">Its SHA-256.</param>
/// <param name="Name">An artifact name or source path it was stored under.</param>
/// <param name="Size">Its size in bytes (0 when already missing).</param>
public sealed record PlannedFile(string Hash, string Name, long Size);
