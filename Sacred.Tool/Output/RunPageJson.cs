using System.Collections.Generic;
using System.Linq;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Output;

/// <summary><c>sacred ls --json</c>: how many runs match, and the page of them.</summary>
internal sealed record RunPageJson(long Total, IReadOnlyList<RunSummaryJson> Runs)
{
    public static RunPageJson From(RunPage page) => new(page.TotalCount, [.. page.Runs.Select(RunSummaryJson.From)]);
}
