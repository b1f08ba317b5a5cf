using System.Collections.Generic;
using Sacred.Configuration;


namespace Sacred.Storage.Reading;

/// <summary>One run of a <see cref="RunSearch"/> page.</summary>
/// <param name="Summary">The run's row (id, status, times, result, host, comment).</param>
/// <param name="Tags">Its tags, sorted.</param>
/// <param name="Notes">Notes written in the board, or null.</param>
/// <param name="Values">The value of each of <see cref="RunSearch.Columns"/>, in order; null where the run has none.</param>
public sealed record RunRow(RunSummary Summary, IReadOnlyList<string> Tags, string? Notes, IReadOnlyList<ConfigNode?> Values);
