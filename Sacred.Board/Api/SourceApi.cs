using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Sacred.Board.Api;

/// <summary>
/// <c>GET /api/source</c>: what the board shows. An embedded store, or the local mirror of a MongoDB database with
/// when it was last pulled and, when the server cannot be reached, why (the page shows a banner; the mirror stays
/// readable).
/// </summary>
internal static class SourceApi
{
    public static void Map(IEndpointRouteBuilder app, BoardState state) =>
        app.MapGet("/api/source", () => ApiResults.Json(Describe(state), BoardJsonContext.Default.BoardSourceDto));

    public static BoardSourceDto Describe(BoardState state)
    {
        if (state.Options.Mirror is not { } mirror)
        {
            return new BoardSourceDto("store", state.Store.Directory, null, null, null, null);
        }

        var status = mirror.Status;
        double? age = status.LastPulled is { } pulled ? Math.Max(0, (DateTime.UtcNow - pulled).TotalSeconds) : null;
        return new BoardSourceDto("mongo", status.Source, status.LastPulled, age, status.Problem, status.Unreadable);
    }
}
