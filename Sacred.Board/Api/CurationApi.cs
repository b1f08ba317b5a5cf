using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sacred.Mongo.Mirror;
using Sacred.Storage.Curation;

namespace Sacred.Board.Api;

/// <summary>
/// Curation: <c>PUT /api/runs/{id}/tags</c>, <c>PUT /api/runs/{id}/notes</c>, <c>POST /api/runs/tags</c> (bulk add
/// and remove), <c>POST /api/runs/deletion-plan</c> (what would go) and <c>POST /api/runs/delete</c>. All of them
/// pass <see cref="Security.BoardAccess"/> first (CSRF header, origin, read-only).
/// </summary>
internal static class CurationApi
{
    private const int MaxBodyBytes = 1 << 20;

    public static void Map(IEndpointRouteBuilder app, BoardState state)
    {
        app.MapPut("/api/runs/{id:long}/tags", (long id, HttpContext context) => SetTags(id, context, state));
        app.MapPut("/api/runs/{id:long}/notes", (long id, HttpContext context) => SetNotes(id, context, state));
        app.MapPost("/api/runs/tags", context => Execute(context, BulkTags(context, state)));
        app.MapPost("/api/runs/deletion-plan", context => Execute(context, Plan(context, state)));
        app.MapPost("/api/runs/delete", context => Execute(context, Delete(context, state)));
    }

    private static async Task<IResult> SetTags(long id, HttpContext context, BoardState state)
    {
        var (body, error) = await Read(context, BoardJsonContext.Default.TagsDto);
        if (body is null)
        {
            return error!;
        }

        return Curate(state, curation =>
        {
            var tags = curation.SetTags(id, body.Tags ?? []);
            return tags is null ? ApiResults.NoRun(id) : ApiResults.Json(new TagsDto(tags), BoardJsonContext.Default.TagsDto);
        }, _ => new MirrorChange.SetTags(id, RunTags.Normalize(body.Tags ?? [])));
    }

    private static async Task<IResult> SetNotes(long id, HttpContext context, BoardState state)
    {
        var (body, error) = await Read(context, BoardJsonContext.Default.NotesDto);
        if (body is null)
        {
            return error!;
        }

        return Curate(state, curation => curation.SetNotes(id, body.Notes)
            ? ApiResults.Json(new NotesDto(string.IsNullOrWhiteSpace(body.Notes) ? null : body.Notes), BoardJsonContext.Default.NotesDto)
            : ApiResults.NoRun(id), _ => new MirrorChange.SetNotes(id, body.Notes));
    }

    private static async Task<IResult> BulkTags(HttpContext context, BoardState state)
    {
        var (body, error) = await Read(context, BoardJsonContext.Default.BulkTagsDto);
        if (body is null)
        {
            return error!;
        }

        return Curate(state, curation =>
        {
            var runs = body.Add is { Count: > 0 } add ? curation.AddTags(body.Ids ?? [], add) : 0;
            var removed = body.Remove is { Count: > 0 } remove ? curation.RemoveTags(body.Ids ?? [], remove) : 0;
            return ApiResults.Json(new BulkTagsResultDto(runs, removed), BoardJsonContext.Default.BulkTagsResultDto);
        }, _ => new MirrorChange.ChangeTags(body.Ids ?? [], RunTags.Normalize(body.Add ?? []), body.Remove ?? []));
    }

    private static async Task<IResult> Plan(HttpContext context, BoardState state)
    {
        var (body, error) = await Read(context, BoardJsonContext.Default.RunIdsDto);
        return body is null ? error! : Curate(state, curation => ApiResults.Json(curation.PlanDeletion(body.Ids ?? []), BoardJsonContext.Default.DeletionPlan));
    }

    private static async Task<IResult> Delete(HttpContext context, BoardState state)
    {
        var (body, error) = await Read(context, BoardJsonContext.Default.RunIdsDto);
        return body is null ? error! : Curate(
            state,
            curation => ApiResults.Json(curation.Delete(body.Ids ?? []), BoardJsonContext.Default.DeletionResult),
            curation => new MirrorChange.Delete([.. curation.PlanDeletion(body.Ids ?? []).Runs.Select(run => run.Id)]));
    }

    private static async Task Execute(HttpContext context, Task<IResult> result) => await (await result).ExecuteAsync(context);

    /// <param name="state">The board.</param>
    /// <param name="change">The change in the store.</param>
    /// <param name="upstream">The same change for MongoDB, made first when the board serves a mirror.</param>
    private static IResult Curate(BoardState state, Func<RunCuration, IResult> change, Func<RunCuration, MirrorChange>? upstream = null)
    {
        if (state.Curation is not { } curation)
        {
            return ApiResults.Error(StatusCodes.Status403Forbidden, "This board is read-only (started with --read-only): nothing can be changed.");
        }

        try
        {
            return state.Options.Mirror is { } mirror && upstream is not null
                ? mirror.Apply(upstream(curation), () => change(curation))
                : change(curation);
        }
        catch (MirrorWriteException e)
        {
            return ApiResults.Error(StatusCodes.Status502BadGateway, e.Message);
        }
        catch (ArgumentException e)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, e.Message);
        }
        finally
        {
            state.Invalidate();
        }
    }

    private static async Task<(T? Body, IResult? Error)> Read<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        if (context.Request.ContentLength is > MaxBodyBytes)
        {
            return (null, ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"The request body is over {MaxBodyBytes} bytes."));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
            return body is null ? (null, ApiResults.Error(StatusCodes.Status400BadRequest, "The request body is empty; send JSON.")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ApiResults.Error(StatusCodes.Status400BadRequest, $"The request body is not the JSON expected: {e.Message}"));
        }
    }
}
