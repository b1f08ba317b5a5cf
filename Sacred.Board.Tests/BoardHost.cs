using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>A recorded store and a board serving it in-process on Kestrel at 127.0.0.1 with a free port.</summary>
public sealed class BoardHost : IAsyncLifetime
{
    private readonly BoardOptions? _options;

    public BoardHost()
    {
    }

    internal BoardHost(BoardOptions options) => _options = options;

    public BoardStore Store { get; } = new();

    public BoardServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public long Id(string role) => Store.Ids[role];

    public async Task InitializeAsync()
    {
        Server = await BoardServer.StartAsync((_options ?? new BoardOptions { StoreDirectory = "" }) with { StoreDirectory = Store.Path, Port = 0 });
        Http = new HttpClient { BaseAddress = Server.Url };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Store.Dispose();
    }

    public async Task<JsonElement> Json(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends a change as the board's page does: with the session's CSRF token.</summary>
    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, object body)
    {
        var session = await Json("/api/session");
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Sacred-Board", session.GetProperty("csrf").GetString());
        return await Http.SendAsync(request);
    }
}
