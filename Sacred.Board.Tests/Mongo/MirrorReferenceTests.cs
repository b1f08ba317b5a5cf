using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests.Mongo;

/// <summary>
/// The runs Python Sacred itself wrote to MongoDB (completed, failed, interrupted, queued: the reference documents),
/// mirrored into a real store and read through the board's API, as <c>sacred board -m</c> shows them.
/// </summary>
public sealed class MirrorReferenceTests
{
    private static DocumentSource Reference()
    {
        var source = new DocumentSource();
        source.LoadReference("completed", 1);
        source.LoadReference("failed", 2);
        source.LoadReference("interrupted", 3);
        source.LoadReference("queued", 4);
        return source;
    }

    [Fact]
    public async Task Python_Sacreds_runs_show_with_status_config_and_a_query_compiled_to_the_store()
    {
        await using var board = await MirrorHost.Start(Reference());
        var page = await board.Json("/api/runs?order=asc");
        var rows = page.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1L, 2, 3, 4], rows.Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(["COMPLETED", "FAILED", "INTERRUPTED", "QUEUED"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.All(rows, r => Assert.Equal("reference", r.GetProperty("experiment").GetString()));

        var query = Uri.EscapeDataString("status = FAILED OR config.learning_rate < 0.2");
        var matched = (await board.Json($"/api/runs?q={query}&order=asc")).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64());
        Assert.Contains(2L, matched);
        Assert.Equal(4, (await board.Json("/api/runs/count")).GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task A_completed_run_shows_its_config_metrics_output_artifacts_resources_and_sources()
    {
        await using var board = await MirrorHost.Start(Reference());
        var detail = await board.Json("/api/runs/1");
        Assert.Equal("COMPLETED", detail.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(0.97, detail.GetProperty("run").GetProperty("result").GetProperty("accuracy").GetDouble());
        Assert.Equal("adam", detail.GetProperty("config").GetProperty("optimizer").GetString());
        Assert.Equal(8, detail.GetProperty("config").GetProperty("model").GetProperty("width").GetInt32());
        Assert.Equal("completed", detail.GetProperty("meta").GetProperty("command").GetString());
        Assert.Equal("worker-1", detail.GetProperty("host").GetProperty("hostname").GetString());
        Assert.Equal("warm start", detail.GetProperty("info").GetProperty("notes").GetString());
        Assert.False(detail.GetProperty("info").TryGetProperty("metrics", out _), "info.metrics links are MongoDB's, shown as metrics");

        var metrics = detail.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal(3, metrics["training.loss"].GetProperty("count").GetInt64());
        Assert.Equal(0.75, metrics["validation.accuracy"].GetProperty("last").GetDouble());
        var series = await board.Json("/api/runs/1/metrics?name=validation.accuracy");
        Assert.Equal([10L, 11], series.GetProperty("steps").EnumerateArray().Select(s => s.GetInt64()));

        var output = await board.Json("/api/runs/1/output");
        Assert.Contains("hello from main", output.GetProperty("text").GetString());

        var artifact = Assert.Single(detail.GetProperty("artifacts").EnumerateArray());
        Assert.Equal("model.bin", artifact.GetProperty("name").GetString());
        // The reference keeps GridFS chunks as sizes only: the artifact is there, saying its content could not be read.
        using (var content = await board.Http.GetAsync("/api/runs/1/artifact?name=model.bin&download=1"))
        {
            Assert.Contains("could not be read from MongoDB", await content.Content.ReadAsStringAsync());
        }

        var resource = Assert.Single(detail.GetProperty("resources").EnumerateArray());
        Assert.Equal("/home/user/data/data.csv", resource.GetProperty("path").GetString());

        var source = Assert.Single(detail.GetProperty("experiment").GetProperty("sources").EnumerateArray());
        Assert.Equal("gen_mongo_ref.py", source.GetProperty("path").GetString());
        Assert.Equal("e7a4928ded2a3a276c264ee5ad230d5a", source.GetProperty("md5").GetString());
        var text = await board.Json("/api/runs/1/sources?path=gen_mongo_ref.py");
        Assert.Contains("could not be read from MongoDB", text.GetProperty("text").GetString());
        Assert.Contains(detail.GetProperty("experiment").GetProperty("dependencies").EnumerateArray(), d => d.GetProperty("name").GetString() == "pymongo");
    }

    [Fact]
    public async Task A_failed_run_shows_its_fail_trace_and_a_queued_run_its_config()
    {
        await using var board = await MirrorHost.Start(Reference());
        var failed = await board.Json("/api/runs/2");
        Assert.Contains(failed.GetProperty("failTrace").EnumerateArray(), line => line.GetString()!.Contains("ValueError: probe failure 42", StringComparison.Ordinal));
        Assert.Equal(0.2, failed.GetProperty("config").GetProperty("learning_rate").GetDouble());
        Assert.Equal("INTERRUPTED", (await board.Json("/api/runs/3")).GetProperty("run").GetProperty("status").GetString());
        var queued = await board.Json("/api/runs/4");
        Assert.Equal("QUEUED", queued.GetProperty("run").GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKindNull, queued.GetProperty("run").GetProperty("queued").ValueKind);
    }

    [Fact]
    public async Task The_board_says_what_it_mirrors_and_when_MongoDB_is_lost_the_mirror_stays_readable()
    {
        await using var board = await MirrorHost.Start(Reference());
        var source = await board.Json("/api/source");
        Assert.Equal("mongo", source.GetProperty("kind").GetString());
        Assert.Equal("mongodb://memory:27017/sacred", source.GetProperty("description").GetString());
        Assert.Equal(JsonValueKindNull, source.GetProperty("problem").ValueKind);

        board.Source.Unreachable = true;
        Assert.False(board.Mirror.Pull());
        source = await board.Json("/api/source");
        Assert.Contains("cannot reach mongodb://memory:27017/sacred", source.GetProperty("problem").GetString());
        Assert.Equal(4, (await board.Json("/api/runs/count")).GetProperty("count").GetInt64());

        using var refused = await board.Send(HttpMethod.Put, "/api/runs/1/tags", new { tags = new[] { "best" } });
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains("nothing was changed", await refused.Content.ReadAsStringAsync());
        Assert.Empty((await board.Json("/api/runs/1")).GetProperty("run").GetProperty("tags").EnumerateArray());

        board.Source.Unreachable = false;
        Assert.True(board.Mirror.Pull());
        Assert.Equal(JsonValueKindNull, (await board.Json("/api/source")).GetProperty("problem").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
