using System.Collections.Generic;
using Sacred.Generated;

namespace Sacred.Queue;

/// <summary>
/// Which queued runs a worker may run: those of its experiment, and, unless <c>--any-build</c>, only those queued from
/// the same sources. A run queued with <c>-n NAME</c> is recorded under that name, as Sacred records it; it is the
/// experiment's when it was renamed (its <c>--name</c> option is set) and its main file is the experiment's.
/// </summary>
/// <param name="Experiment">The experiment name the run was queued under.</param>
/// <param name="Sources">The worker's compiled sources (path and MD5); a run matches when it recorded exactly these. Null: any build.</param>
/// <param name="MainFile">The file declaring the experiment (<c>experiment.mainfile</c>), which finds its runs renamed with <c>-n</c>; null: by name only.</param>
public sealed record QueueFilter(string Experiment, IReadOnlyList<SourceFileInfo>? Sources, string? MainFile = null);
