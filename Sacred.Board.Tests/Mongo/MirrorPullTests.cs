using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using MongoDB.Bson;
using Sacred.Mongo;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Recording;
using Sacred.Mongo.Sync;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Board.Tests.Mongo;

/// <summary>Incremental pulls and changes made on the board, which go to MongoDB first.</summary>
public sealed class MirrorPullTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;

    public MirrorPullTests(BoardHost board) => _board = board;

    private DocumentSource Recorded(params string[] roles)
    {
        var source = new DocumentSource();
        using var store = RunStore.Open(_board.Store.Path);
        foreach (var role in roles)
        {
            var id = _board.Id(role);
            var session = new MongoRunSession(source.Documents, MongoTarget.Parse("sacred"));
            RunReplay.Replay(store, store.GetRun(id)!, session, BsonValues.Integer(id), _ => { });
        }

        return source;
    }

    [Fact]
    public async Task A_running_run_gains_only_its_new_points_and_output_and_then_its_end()
    {
        var source = Recorded("running");
        var id = _board.Id("running");
        await using var board = await MirrorHost.Start(source);
        var before = (await board.Json($"/api/runs/{id}")).GetProperty("metrics").EnumerateArray().Single().GetProperty("count").GetInt64();

        var run = source.Run(id);
        var metric = source.Documents["metrics"].Single(m => m["run_id"].ToInt64() == id);
        metric["steps"].AsBsonArray.AddRange([new BsonInt32(1000), new BsonInt32(1001)]);
        metric["values"].AsBsonArray.AddRange([new BsonDouble(0.01), new BsonDouble(0.02)]);
        metric["timestamps"].AsBsonArray.AddRange([new BsonDateTime(DateTime.UtcNow), new BsonDateTime(DateTime.UtcNow)]);
        run["captured_out"] = run["captured_out"].AsString + "step 3\n";
        run["heartbeat"] = new BsonDateTime(DateTime.UtcNow);
        Assert.True(board.Mirror.Pull());

        var detail = await board.Json($"/api/runs/{id}");
        Assert.Equal("RUNNING", detail.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(before + 2, detail.GetProperty("metrics").EnumerateArray().Single().GetProperty("count").GetInt64());
        Assert.Equal("step 1\nstep 2\nstep 3\n", (await board.Json($"/api/runs/{id}/output")).GetProperty("text").GetString());

        run["status"] = "COMPLETED";
        run["stop_time"] = new BsonDateTime(DateTime.UtcNow);
        run["result"] = 0.5;
        Assert.True(board.Mirror.Pull());
        detail = await board.Json($"/api/runs/{id}");
        Assert.Equal("COMPLETED", detail.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(0.5, detail.GetProperty("run").GetProperty("result").GetDouble());
        Assert.Equal(before + 2, detail.GetProperty("metrics").EnumerateArray().Single().GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task New_runs_appear_and_runs_deleted_from_MongoDB_go()
    {
        var source = Recorded("baseline");
        await using var board = await MirrorHost.Start(source);
        Assert.Equal(1, (await board.Json("/api/runs/count")).GetProperty("count").GetInt64());

        using (var store = RunStore.Open(_board.Store.Path))
        {
            var id = _board.Id("sgd");
            RunReplay.Replay(store, store.GetRun(id)!, new MongoRunSession(source.Documents, MongoTarget.Parse("sacred")), BsonValues.Integer(id), _ => { });
        }

        Assert.True(board.Mirror.Pull());
        Assert.Equal(2, (await board.Json("/api/runs/count")).GetProperty("count").GetInt64());

        source.RunDocuments.RemoveAll(r => r["_id"].ToInt64() == _board.Id("baseline"));
        for (var i = 0; i < 15; i++)
        {
            Assert.True(board.Mirror.Pull());
        }

        var ids = (await board.Json("/api/runs")).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64());
        Assert.Equal([_board.Id("sgd")], ids);
    }

    [Fact]
    public async Task Tags_and_notes_are_written_to_omniboards_fields_and_read_back_from_them()
    {
        var source = Recorded("baseline", "sgd");
        var id = _board.Id("baseline");
        await using (var board = await MirrorHost.Start(source))
        {
            using var tags = await board.Send(HttpMethod.Put, $"/api/runs/{id}/tags", new { tags = new[] { "best", "paper" } });
            Assert.Equal(HttpStatusCode.OK, tags.StatusCode);
            using var notes = await board.Send(HttpMethod.Put, $"/api/runs/{id}/notes", new { notes = "the one" });
            Assert.Equal(HttpStatusCode.OK, notes.StatusCode);
            using var bulk = await board.Send(HttpMethod.Post, "/api/runs/tags", new { ids = new[] { id, _board.Id("sgd") }, add = new[] { "sweep" }, remove = new[] { "paper" } });
            Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);

            Assert.Equal(["best", "sweep"], source.Run(id)["omniboard"]["tags"].AsBsonArray.Select(t => t.AsString));
            Assert.Equal("the one", source.Run(id)["omniboard"]["notes"].AsString);
            Assert.Equal(["sweep"], source.Run(_board.Id("sgd"))["omniboard"]["tags"].AsBsonArray.Select(t => t.AsString));
            var row = (await board.Json($"/api/runs/{id}")).GetProperty("run");
            Assert.Equal(["best", "sweep"], row.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

            source.RefuseWrites = true;
            using var refused = await board.Send(HttpMethod.Put, $"/api/runs/{id}/notes", new { notes = "changed" });
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
            Assert.Contains("not authorized", await refused.Content.ReadAsStringAsync());
            Assert.Equal("the one", (await board.Json($"/api/runs/{id}")).GetProperty("run").GetProperty("notes").GetString());
        }

        // A fresh mirror (another machine, or Omniboard's tags) reads them from MongoDB.
        source.RefuseWrites = false;
        await using var fresh = await MirrorHost.Start(source);
        var read = (await fresh.Json($"/api/runs/{id}")).GetProperty("run");
        Assert.Equal(["best", "sweep"], read.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("the one", read.GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Deleting_on_the_board_deletes_the_run_its_metrics_and_unshared_files_in_MongoDB_first()
    {
        var source = Recorded("baseline", "sgd");
        var id = _board.Id("baseline");
        // The two runs share one source file in GridFS (as Sacred de-duplicates by name and md5) and not the other.
        var sharedSource = source.Run(id)["experiment"]["sources"][0][1];
        var ownSource = source.Run(id)["experiment"]["sources"].AsBsonArray.Count > 1 ? source.Run(id)["experiment"]["sources"][1][1] : null;
        source.Run(_board.Id("sgd"))["experiment"]["sources"][0][1] = sharedSource;
        var artifactFiles = source.Run(id)["artifacts"].AsBsonArray.Select(a => a["file_id"]).ToList();
        Assert.NotEmpty(artifactFiles);
        await using var board = await MirrorHost.Start(source);

        source.RefuseWrites = true;
        using (var refused = await board.Send(HttpMethod.Post, "/api/runs/delete", new { ids = new[] { id } }))
        {
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        }

        Assert.Equal(2, (await board.Json("/api/runs/count")).GetProperty("count").GetInt64());
        source.RefuseWrites = false;
        using (var deleted = await board.Send(HttpMethod.Post, "/api/runs/delete", new { ids = new[] { id } }))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.DoesNotContain(source.RunDocuments, r => r["_id"].ToInt64() == id);
        Assert.DoesNotContain(source.Documents["metrics"], m => m["run_id"].ToInt64() == id);
        Assert.DoesNotContain(source.Documents["fs.files"], f => artifactFiles.Contains(f["_id"]));
        Assert.Contains(source.Documents["fs.files"], f => f["_id"] == sharedSource);
        if (ownSource is not null && !source.RunDocuments.Any(r => r["experiment"]["sources"].AsBsonArray.Any(p => p[1] == ownSource)))
        {
            Assert.DoesNotContain(source.Documents["fs.files"], f => f["_id"] == ownSource);
        }

        Assert.True(board.Mirror.Pull());
        Assert.Equal([_board.Id("sgd")], (await board.Json("/api/runs")).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task A_document_the_import_cannot_read_is_named_and_the_other_runs_show()
    {
        var source = Recorded("baseline", "sgd");
        source.Documents["metrics"].First(m => m["run_id"].ToInt64() == _board.Id("sgd"))["_id"] = "not an ObjectId";
        await using var board = await MirrorHost.Start(source);
        Assert.Contains(_board.Id("baseline"), (await board.Json("/api/runs")).GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        var status = await board.Json("/api/source");
        Assert.StartsWith($"run {_board.Id("sgd")} could not be mirrored", status.GetProperty("unreadable").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, status.GetProperty("problem").ValueKind);
    }
}
