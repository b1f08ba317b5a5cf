using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Sacred.Mongo.Tests.Wire;
using Xunit;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>
/// The <c>sacred</c> tool against a server that answers (<see cref="FakeMongoServer"/>), through the real driver:
/// <c>sacred sync</c> uploads a run that waited exactly once, and <c>sacred board -m</c> serves what is in MongoDB.
/// Real processes.
/// </summary>
public sealed class FakeServerToolTests
{
    [Fact]
    public async Task Sync_uploads_a_run_that_waited_once_and_the_board_m_serves_it_from_the_server()
    {
        using var server = new FakeMongoServer();
        var store = Programs.TempDirectory();
        var away = $"mongodb://127.0.0.1:{Programs.ClosedPort()}/lab";
        Assert.Equal(0, Programs.Probe(null, "with", "points=40", "-m", away, "--store", store).ExitCode);

        var first = Programs.Sacred("sync", "--store", store, "-m", server.Url("lab"));
        var second = Programs.Sacred("sync", "--store", store, "-m", server.Url("lab"));

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains("run 1 uploaded as _id 1", first.Stdout, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Contains("0 uploaded, 1 already in MongoDB", second.Stdout, StringComparison.Ordinal);
        var run = Assert.Single(server.Documents("lab", "runs"));
        Assert.Equal("COMPLETED", run["status"].AsString);
        var loss = server.Documents("lab", "metrics").Single(m => m["name"].AsString == "training.loss");
        Assert.Equal(40, loss["values"].AsBsonArray.Count);

        var cache = Programs.TempDirectory();
        using var board = Programs.StartSacred(new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache }, "board", "-m", server.Url("lab"), "--port", "0");
        try
        {
            var url = ReadUrl(board);
            using var http = new HttpClient();
            using var listing = JsonDocument.Parse(await http.GetStringAsync(new Uri(new Uri(url), "/api/runs")));
            var shown = Assert.Single(listing.RootElement.GetProperty("rows").EnumerateArray());
            Assert.Equal("COMPLETED", shown.GetProperty("status").GetString());
            Assert.Equal("mongoprobe", shown.GetProperty("experiment").GetString());
        }
        finally
        {
            board.Kill(entireProcessTree: true);
            await board.WaitForExitAsync();
            Directory.Delete(cache, recursive: true);
        }
    }

    /// <summary>The address the board prints once its first pull is done and it listens.</summary>
    private static string ReadUrl(System.Diagnostics.Process board)
    {
        var seen = new List<string>();
        while (board.StandardOutput.ReadLine() is { } line)
        {
            seen.Add(line);
            if (line.TrimStart().StartsWith("http://", StringComparison.Ordinal))
            {
                return line.Trim();
            }
        }

        throw new InvalidOperationException("the board printed no address: " + string.Join('\n', seen) + board.StandardError.ReadToEnd());
    }
}
