using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Sacred.Mongo;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Recording;
using Sacred.Mongo.Sync;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Board.Tests.Mongo;

/// <summary>
/// Runs recorded by the runtime into a store, turned into our MongoDB documents (the same replay <c>sacred sync</c>
/// uploads), mirrored into a second store: the board shows the same runs from both. Which keys were modified or added
/// is not compared: Sacred's documents do not keep it (the mirror marks the keys of <c>meta.config_updates</c>).
/// </summary>
public sealed class MirrorRoundTripTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;

    public MirrorRoundTripTests(BoardHost board) => _board = board;

    [Fact]
    public async Task Every_run_reads_the_same_from_the_store_and_from_its_MongoDB_mirror()
    {
        var source = new DocumentSource();
        using (var store = RunStore.Open(_board.Store.Path))
        {
            foreach (var id in _board.Store.Ids.Values)
            {
                var detail = store.GetRun(id)!;
                var session = new MongoRunSession(source.Documents, MongoTarget.Parse("sacred"));
                RunReplay.Replay(store, detail, session, BsonValues.Integer(id), _ => { });
            }
        }

        await using var mirror = await MirrorHost.Start(source);
        foreach (var (role, id) in _board.Store.Ids)
        {
            var expected = await _board.Json($"/api/runs/{id}");
            var actual = await mirror.Json($"/api/runs/{id}");
            foreach (var path in new[]
            {
                "run.experiment", "run.command", "run.status", "run.start", "run.stop", "run.result", "run.comment", "run.host",
                "config", "meta", "host.hostname", "host.os", "experiment.name", "experiment.baseDirectory", "experiment.mainFile", "experiment.dependencies",
                "experiment.repositories", "resources", "outputChars",
            })
            {
                Assert.True(Same(At(expected, path), At(actual, path)), $"{role} ({id}): {path} differs: store {At(expected, path)} mirror {At(actual, path)}");
            }

            if (expected.GetProperty("run").GetProperty("status").GetString() == "FAILED")
            {
                // Sacred's documents keep a fail trace for failed runs only (the hostile run completes with one).
                Assert.Equal(expected.GetProperty("failTrace").GetRawText(), actual.GetProperty("failTrace").GetRawText());
            }

            Assert.Equal(Metrics(expected), Metrics(actual));
            Assert.Equal(Artifacts(expected), Artifacts(actual));
            Assert.Equal(
                (await _board.Json($"/api/runs/{id}/output")).GetProperty("text").GetString(),
                (await mirror.Json($"/api/runs/{id}/output")).GetProperty("text").GetString());
            foreach (var metric in expected.GetProperty("metrics").EnumerateArray().Select(m => Uri.EscapeDataString(m.GetProperty("name").GetString()!)))
            {
                Assert.Equal(
                    (await _board.Json($"/api/runs/{id}/metrics?name={metric}")).GetRawText(),
                    (await mirror.Json($"/api/runs/{id}/metrics?name={metric}")).GetRawText());
            }

            foreach (var file in expected.GetProperty("experiment").GetProperty("sources").EnumerateArray().Select(s => Uri.EscapeDataString(s.GetProperty("path").GetString()!)))
            {
                // The text, not the md5: the fixture records a made-up md5, and GridFS keeps the md5 of the text.
                Assert.Equal(
                    (await _board.Json($"/api/runs/{id}/sources?path={file}")).GetProperty("text").GetString(),
                    (await mirror.Json($"/api/runs/{id}/sources?path={file}")).GetProperty("text").GetString());
            }
        }
    }

    private static JsonElement? At(JsonElement root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            if (!node.TryGetProperty(part, out node))
            {
                return null;
            }
        }

        return node;
    }

    private static bool Same(JsonElement? a, JsonElement? b) => (a?.GetRawText() ?? "") == (b?.GetRawText() ?? "");

    private static List<string> Metrics(JsonElement detail) =>
        [.. detail.GetProperty("metrics").EnumerateArray().Select(m => string.Join("|", m.GetProperty("name"), m.GetProperty("count"), m.GetProperty("min"), m.GetProperty("max"), m.GetProperty("last"), m.GetProperty("lastStep"), m.GetProperty("mean")))];

    private static List<string> Artifacts(JsonElement detail) =>
        [.. detail.GetProperty("artifacts").EnumerateArray().Select(a => string.Join("|", a.GetProperty("name"), a.GetProperty("size"), a.GetProperty("contentType"), a.GetProperty("sha256")))];
}
