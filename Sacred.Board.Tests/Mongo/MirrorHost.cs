using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Sacred.Mongo.Mirror;
using Xunit;

namespace Sacred.Board.Tests.Mongo;

/// <summary>A board over the mirror of a <see cref="DocumentSource"/>, in-process on a free loopback port; pulls only when a test says so.</summary>
internal sealed class MirrorHost : IAsyncDisposable
{
    private MirrorHost(DocumentSource source, string folder, MongoMirror mirror, BoardServer server)
    {
        Source = source;
        Folder = folder;
        Mirror = mirror;
        Server = server;
        Http = new HttpClient { BaseAddress = server.Url };
    }

    public DocumentSource Source { get; }

    public string Folder { get; }

    public MongoMirror Mirror { get; }

    public BoardServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<MirrorHost> Start(DocumentSource source, string? folder = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "sacred-mirror-tests-" + Guid.NewGuid().ToString("N"));
        var mirror = MongoMirror.Open(source, folder);
        mirror.Pull();
        var server = await BoardServer.StartAsync(new BoardOptions { StoreDirectory = mirror.StoreDirectory, Port = 0, Mirror = mirror });
        return new MirrorHost(source, folder, mirror, server);
    }

    public async Task<JsonElement> Json(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, object body)
    {
        var session = await Json("/api/session");
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Sacred-Board", session.GetProperty("csrf").GetString());
        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Mirror.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
