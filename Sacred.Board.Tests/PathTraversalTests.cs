using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>No name or path a request carries reaches a file other than the one the run recorded.</summary>
public sealed class PathTraversalTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;

    public PathTraversalTests(BoardHost board) => _board = board;

    private async Task AssertNoStoreFile(string path)
    {
        using var response = await _board.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SQLite format 3", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", body, StringComparison.Ordinal);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound || body.StartsWith("<!doctype html>", StringComparison.Ordinal), $"{path}: {(int)response.StatusCode} {body[..Math.Min(80, body.Length)]}");
    }

    [Theory]
    [InlineData("../../runs.db")]
    [InlineData("..%2F..%2Fruns.db")]
    [InlineData("/etc/passwd")]
    [InlineData("../../../../../../etc/passwd")]
    [InlineData("files/../runs.db")]
    public async Task Artifact_and_source_names_that_climb_out_find_nothing(string name)
    {
        var id = _board.Id("baseline");
        await AssertNoStoreFile($"/api/runs/{id}/artifact?name={name}");
        await AssertNoStoreFile($"/api/runs/{id}/artifact?name={Uri.EscapeDataString(name)}&download=1");
        await AssertNoStoreFile($"/api/runs/{id}/sources?path={Uri.EscapeDataString(name)}");
    }

    [Theory]
    [InlineData("/assets/..%2F..%2Fruns.db")]
    [InlineData("/%2e%2e/%2e%2e/runs.db")]
    [InlineData("/..%2Fruns.db")]
    [InlineData("/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    public async Task Static_paths_that_climb_out_serve_only_the_app(string path) => await AssertNoStoreFile(path);

    [Fact]
    public async Task An_artifact_named_to_climb_out_is_served_by_its_recorded_name_only_and_zipped_safely()
    {
        var id = _board.Id("hostile");
        using var direct = await _board.Http.GetAsync($"/api/runs/{id}/artifact?name={Uri.EscapeDataString("../../escape.txt")}");
        Assert.Equal("a name that tries to climb out", await direct.Content.ReadAsStringAsync());

        using var zip = await _board.Http.GetAsync($"/api/runs/{id}/artifacts.zip");
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        var names = archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(4, names.Length);
        Assert.Contains("escape.txt", names);
        Assert.All(names, n => Assert.False(n.StartsWith('/') || n.Split('/').Contains(".."), n));
        using var reader = new StreamReader(archive.GetEntry("evil.svg")!.Open());
        Assert.Contains("<svg", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
