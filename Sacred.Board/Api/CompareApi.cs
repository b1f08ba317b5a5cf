using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sacred.Board.Compare;
using Sacred.Storage.Reading;

namespace Sacred.Board.Api;

/// <summary>
/// <c>GET /api/compare?ids=3,5,8</c>: N runs compared against the first in one response (config, sources as line
/// diffs, dependencies, git, host, artifact hashes, metric names, output diffed with timestamps masked).
/// </summary>
internal static class CompareApi
{
    /// <summary>The most runs one comparison takes.</summary>
    public const int MaxRuns = 12;

    public static void Map(IEndpointRouteBuilder app, BoardState state) =>
        app.MapGet("/api/compare", (HttpContext context) => Compare(context, state));

    private static IResult Compare(HttpContext context, BoardState state)
    {
        if (!RunComparison.TryParseIds(context.Request.Query["ids"], MaxRuns, out var ids, out var error))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, error!, "ids");
        }

        var runs = new List<RunDetail>(ids.Count);
        foreach (var id in ids)
        {
            if (state.Store.GetRun(id) is not { } run)
            {
                return ApiResults.NoRun(id);
            }

            runs.Add(run);
        }

        return ApiResults.Json(RunComparison.Build(state.Store, runs), BoardJsonContext.Default.CompareDto);
    }
}
