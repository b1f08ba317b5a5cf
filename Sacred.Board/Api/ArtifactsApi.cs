using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Sacred.Board.Security;

namespace Sacred.Board.Api;

/// <summary>
/// A run's artifacts: <c>GET /api/runs/{id}/artifact?name=</c> (one file) and <c>/artifacts.zip</c> (all).
/// A name is looked up among the run's recorded artifacts and the content read by its hash, so no name can reach
/// any other file. Every file is served sandboxed (<see cref="SecurityHeaders.StoredFilePolicy"/>), with
/// nosniff: images inline (for previews), everything else as an attachment, never as a page of the board.
/// </summary>
internal static class ArtifactsApi
{
    public static void Map(IEndpointRouteBuilder app, BoardState state)
    {
        app.MapGet("/api/runs/{id:long}/artifact", (long id, HttpContext context) => File(id, context, state));
        app.MapGet("/api/runs/{id:long}/artifacts.zip", (long id, HttpContext context) => Zip(id, context, state));
    }

    private static IResult File(long id, HttpContext context, BoardState state)
    {
        var name = context.Request.Query["name"].ToString();
        var stream = state.Store.OpenArtifact(id, name);
        if (stream is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, $"Run {id} has no artifact '{name}'.", "name");
        }

        var download = context.Request.Query["download"] == "1";
        var image = ArtifactPreview.ImageType(name);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = SecurityHeaders.StoredFilePolicy;
        headers.CacheControl = "private, no-cache";
        headers.ContentDisposition = (download || image is null ? "attachment" : "inline") + "; filename*=UTF-8''" + Uri.EscapeDataString(Path.GetFileName(name));
        return Results.Stream(stream, image ?? "application/octet-stream", enableRangeProcessing: true);
    }

    private static async Task Zip(long id, HttpContext context, BoardState state)
    {
        var detail = state.Store.GetRun(id);
        if (detail is null)
        {
            await ApiResults.NoRun(id).ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = $"attachment; filename=\"run-{id}-artifacts.zip\"";
        response.Headers.ContentSecurityPolicy = SecurityHeaders.StoredFilePolicy;

        // ZipArchive writes synchronously; this response alone may block its thread while it streams.
        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        using var zip = new ZipArchive(response.Body, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var artifact in detail.Artifacts)
        {
            var entry = zip.CreateEntry(EntryName(artifact.Name, used), CompressionLevel.Fastest);
            entry.LastWriteTime = artifact.Added;
            await using var source = state.Store.OpenFile(artifact.Hash);
            await using var target = entry.Open();
            source.CopyTo(target);
        }
    }

    /// <summary>A relative name that cannot escape the folder it is unpacked into (no root, no '..').</summary>
    internal static string EntryName(string name, HashSet<string> used)
    {
        var parts = new List<string>();
        foreach (var part in name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part is not ("." or ".."))
            {
                parts.Add(part.Replace(':', '_'));
            }
        }

        var entry = parts.Count == 0 ? "artifact" : string.Join('/', parts);
        var unique = entry;
        for (var i = 2; !used.Add(unique); i++)
        {
            unique = $"{entry} ({i})";
        }

        return unique;
    }
}
