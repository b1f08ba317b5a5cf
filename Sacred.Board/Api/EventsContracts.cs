using System;
using System.Collections.Generic;

namespace Sacred.Board.Api;

/// <summary>
/// One server-sent event of <c>/api/events</c>: the largest run id now (a larger one than the page knows means new
/// runs) and the runs whose status, heartbeat, end or output length changed since the last tick.
/// </summary>
internal sealed record RunChangesDto(long MaxId, IReadOnlyList<RunChangeDto> Changed);

/// <summary>A run that changed: its effective status (PROBABLY_DEAD for a stale heartbeat) and what moves while it runs.</summary>
internal sealed record RunChangeDto(long Id, string Status, DateTime? Heartbeat, DateTime? Stop, double? DurationMs, long OutputChars);
