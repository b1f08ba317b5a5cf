using System;
using System.Collections.Generic;

namespace Sacred.Mongo.Queue;

/// <summary>One run waiting in MongoDB's queue, as <c>sacred queue -m</c> lists it.</summary>
/// <param name="Id">The run's <c>_id</c>.</param>
/// <param name="Experiment">The experiment name.</param>
/// <param name="Command">The command it runs.</param>
/// <param name="Changes">Its config updates from the command line (<c>meta.config_updates</c>, flattened to dotted keys), as literals.</param>
/// <param name="QueueTime">When it was queued (UTC), if known.</param>
/// <param name="Priority">Its <c>-P</c> priority, if one was given.</param>
public sealed record MongoQueuedRun(string Id, string Experiment, string Command, IReadOnlyDictionary<string, string> Changes, DateTime? QueueTime, double? Priority);
