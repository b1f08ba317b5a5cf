using System;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>
/// A board over a temporary store that a fixture fills with recorded runs before the board starts; the fixture says
/// what it records, this class starts, asks and removes.
/// </summary>
public abstract class RecordedStoreBoard : IAsyncLifetime
{
    protected RecordedStoreBoard(string name) =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sacred-board-{name}-" + Guid.NewGuid().ToString("N"));

    public string Path { get; }

    public BoardServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Records the fixture's runs into <see cref="Path"/>, which exists.</summary>
    protected abstract void Record();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path);
        Record();
        Server = await BoardServer.StartAsync(new BoardOptions { StoreDirectory = Path, Port = 0 });
        Http = new HttpClient { BaseAddress = Server.Url };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public async Task<JsonElement> Json(string path)
    {
        using var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
