using System;

namespace Sacred.Mongo.Queue;

/// <summary>
/// A claimed run's writes are this worker's only while it holds the run: every update of the run document is made on
/// the condition <c>{worker: WorkerId}</c>, and the first write of each event renews the lease first, so the writes
/// that follow it fall inside a fresh lease (a worker whose lease was taken away writes nothing more).
/// </summary>
/// <param name="WorkerId">The worker holding the claim.</param>
/// <param name="Lease">How long each renewal holds.</param>
internal sealed record RunClaimGuard(string WorkerId, TimeSpan Lease);
