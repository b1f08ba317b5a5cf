using System.Collections.Generic;
using Sacred.Generated;

namespace Sacred.Queue;

/// <summary>Which queued runs a worker may run: those of its experiment, and, unless <c>--any-build</c>, only those queued from the same sources.</summary>
/// <param name="Experiment">The experiment name the run was queued under.</param>
/// <param name="Sources">The worker's compiled sources (path and MD5); a run matches when it recorded exactly these. Null: any build.</param>
public sealed record QueueFilter(string Experiment, IReadOnlyList<SourceFileInfo>? Sources);
