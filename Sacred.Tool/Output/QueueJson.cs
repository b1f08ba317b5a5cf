using System;
using System.Collections.Generic;

namespace Sacred.Tool.Output;

/// <summary><c>sacred queue --json</c>: the waiting runs in the order workers claim them.</summary>
/// <param name="Runs">The QUEUED runs.</param>
internal sealed record QueueJson(IReadOnlyList<QueuedRunJson> Runs);

/// <summary>One waiting run.</summary>
/// <param name="Id">The run id.</param>
/// <param name="Experiment">The experiment name.</param>
/// <param name="Command">The command it runs.</param>
/// <param name="Config">The config keys its command line or named configs changed, with their values as literals.</param>
/// <param name="QueueTime">When it was queued (UTC).</param>
/// <param name="Priority">The <c>-P</c> priority; null when none was given.</param>
internal sealed record QueuedRunJson(string Id, string Experiment, string Command, IReadOnlyDictionary<string, string> Config, DateTime? QueueTime, double? Priority);
