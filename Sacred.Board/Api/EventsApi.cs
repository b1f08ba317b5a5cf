using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Sacred.Board.Live;

namespace Sacred.Board.Api;

/// <summary>
/// <c>GET /api/events</c>: server-sent events (<c>text/event-stream</c>) for live pages. On connecting, a
/// <c>hello</c> event with the current <see cref="RunChangesDto.MaxId"/>; then a <c>runs</c> event whenever runs
/// changed or new ones appeared (one store query per tick, shared by all listeners); a comment line every 15 s keeps
/// proxies from closing the stream. Passes <see cref="Security.BoardAccess"/> like every other endpoint.
/// </summary>
internal static class EventsApi
{
    /// <summary>How often the store is polled while someone listens.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(15);

    public static void Map(WebApplication app, BoardState state)
    {
        var feed = new RunChangeFeed(state.Store, state.Options.DeadAfter, Tick);
        var stopping = app.Lifetime.ApplicationStopping;
        stopping.Register(feed.Dispose);
        app.MapGet("/api/events", (HttpContext context) => Stream(context, feed, stopping));
    }

    private static async Task Stream(HttpContext context, RunChangeFeed feed, CancellationToken stopping)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var token = cancel.Token;
        using var subscription = feed.Subscribe();
        try
        {
            await response.WriteAsync("retry: 2000\n\n", token);
            await Send(response, "hello", new RunChangesDto(feed.MaxId, []), token);
            var reader = subscription.Reader;
            while (!token.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(token);
                wait.CancelAfter(s_keepAlive);
                try
                {
                    if (!await reader.WaitToReadAsync(wait.Token))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", token);
                    await response.Body.FlushAsync(token);
                    continue;
                }

                while (reader.TryRead(out var changes))
                {
                    await Send(response, "runs", changes, token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away or the board is stopping.
        }
    }

    private static async Task Send(HttpResponse response, string name, RunChangesDto changes, CancellationToken token)
    {
        var json = JsonSerializer.Serialize(changes, BoardJsonContext.Default.RunChangesDto);
        await response.WriteAsync("event: " + name + "\ndata: " + json + "\n\n", token);
        await response.Body.FlushAsync(token);
    }
}
