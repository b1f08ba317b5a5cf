namespace Sacred.Queue;

/// <summary>A QUEUED run a worker has claimed: what it needs to run it as it was queued.</summary>
/// <param name="RunId">The run's id; the run keeps it, and its queue time.</param>
/// <param name="Options">The queued run's <c>meta.options</c>: <c>COMMAND</c>, <c>UPDATE</c> (as given) and the flags.</param>
/// <param name="Config">The config recorded when the run was queued.</param>
/// <param name="Seed">The root seed recorded when the run was queued.</param>
/// <param name="Attempt">How many times the run has been claimed, this claim included.</param>
public sealed record QueuedRunClaim(string RunId, ConfigNode Options, ConfigNode Config, int Seed, int Attempt);
