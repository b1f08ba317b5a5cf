using System;

namespace Sacred.Storage.Reading;

/// <summary>What changes while a run runs, as one row of the runs table holds it (for pushing live updates).</summary>
/// <param name="Id">The run id.</param>
/// <param name="Status">The status as recorded (RUNNING, COMPLETED, ...; never PROBABLY_DEAD).</param>
/// <param name="StartTime">When it started, UTC.</param>
/// <param name="Heartbeat">The last heartbeat, UTC.</param>
/// <param name="StopTime">When it ended, UTC.</param>
/// <param name="OutputChars">The length of its captured output so far.</param>
public sealed record RunLiveState(long Id, string Status, DateTime? StartTime, DateTime? Heartbeat, DateTime? StopTime, long OutputChars);
