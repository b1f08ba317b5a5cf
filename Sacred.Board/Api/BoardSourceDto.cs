using System;

namespace Sacred.Board.Api;

/// <summary>What the board shows (see <see cref="SourceApi"/>).</summary>
/// <param name="Kind"><c>store</c> or <c>mongo</c>.</param>
/// <param name="Description">The store folder, or the MongoDB database without credentials.</param>
/// <param name="LastPulled">When the mirror last reached MongoDB (UTC).</param>
/// <param name="SecondsSincePull">How long ago that was, by the server's clock.</param>
/// <param name="Problem">Why MongoDB cannot be reached now, or null.</param>
/// <param name="Unreadable">Runs whose documents could not be mirrored, in one line, or null.</param>
internal sealed record BoardSourceDto(string Kind, string Description, DateTime? LastPulled, double? SecondsSincePull, string? Problem, string? Unreadable);
