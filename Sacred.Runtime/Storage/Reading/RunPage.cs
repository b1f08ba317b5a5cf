using System.Collections.Generic;

namespace Sacred.Storage.Reading;

/// <summary>One page of <see cref="RunStore.ListRuns"/>.</summary>
/// <param name="TotalCount">How many runs match the filters, over all pages.</param>
/// <param name="Runs">The runs on this page, in the requested order.</param>
public sealed record RunPage(long TotalCount, IReadOnlyList<RunSummary> Runs);
