using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary><c>GET /api/events</c> on a real store while a real experiment process records into it.</summary>
public sealed class EventsApiTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;

    public EventsApiTests(BoardHost board) => _board = board;

    [Fact]
    public async Task A_new_run_its_progress_and_its_end_are_pushed_as_server_sent_events()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var response = await _board.Http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var events = new EventReader(reader, timeout.Token);

        var (name, hello) = await events.Next();
        Assert.Equal("hello", name);
        var known = hello.GetProperty("maxId").GetInt64();
        Assert.Equal(_board.Id("hostile"), known);

        using var probe = new ProbeRun(_board.Store.Path);
        var id = known + 1;
        var running = await events.Until(e => Change(e, id) is { } c && c.GetProperty("status").GetString() == "RUNNING");
        Assert.Equal(id, running.GetProperty("maxId").GetInt64());
        await events.Until(e => Change(e, id) is { } c && c.GetProperty("outputChars").GetInt64() > 0);

        probe.Release();
        var completed = await events.Until(e => Change(e, id) is { } c && c.GetProperty("status").GetString() == "COMPLETED");
        Assert.NotEqual(JsonValueKind.Null, Change(completed, id)!.Value.GetProperty("stop").ValueKind);
        Assert.Equal(0, probe.WaitForExit());
    }

    [Fact]
    public async Task The_stream_is_guarded_like_every_other_endpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events");
        request.Headers.Host = "evil.example";
        using var response = await _board.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
    }

    private static JsonElement? Change(JsonElement changes, long id)
    {
        foreach (var change in changes.GetProperty("changed").EnumerateArray())
        {
            if (change.GetProperty("id").GetInt64() == id)
            {
                return change;
            }
        }

        return null;
    }

    /// <summary>Reads <c>event:</c>/<c>data:</c> blocks from a text/event-stream.</summary>
    private sealed class EventReader(StreamReader reader, CancellationToken token)
    {
        public readonly List<string> Seen = [];

        public async Task<(string Name, JsonElement Data)> Next()
        {
            string? name = null, data = null;
            while (true)
            {
                var line = await reader.ReadLineAsync(token) ?? throw new EndOfStreamException("The event stream ended.");
                if (line.Length == 0)
                {
                    if (data is not null)
                    {
                        Seen.Add(name + " " + data);
                        return (name ?? "message", JsonDocument.Parse(data).RootElement.Clone());
                    }

                    continue;
                }

                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }
        }

        public async Task<JsonElement> Until(Func<JsonElement, bool> wanted)
        {
            while (true)
            {
                var (name, data) = await Next();
                if (name == "runs" && wanted(data))
                {
                    return data;
                }
            }
        }
    }
}
