using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Sacred.Storage.Curation;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>Tags, notes and deleting runs, through the API and the store's curation, on a store of their own.</summary>
public sealed class CurationTests : IAsyncLifetime
{
    private readonly BoardHost _board = new();

    public Task InitializeAsync() => _board.InitializeAsync();

    public Task DisposeAsync() => _board.DisposeAsync();

    private async Task<JsonElement> Body(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Tags_are_trimmed_deduplicated_sorted_searchable_and_checked()
    {
        var id = _board.Id("baseline");
        using var set = await _board.Send(HttpMethod.Put, $"/api/runs/{id}/tags", new { tags = new[] { " best ", "paper", "best" } });
        Assert.Equal(["best", "paper"], (await Body(set)).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var page = await _board.Json("/api/runs?q=tags%20%3D%20paper");
        Assert.Equal(id, page.GetProperty("rows").EnumerateArray().Single().GetProperty("id").GetInt64());

        using var bad = await _board.Send(HttpMethod.Put, $"/api/runs/{id}/tags", new { tags = new[] { "ok", "line\nbreak" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("control character", (await Body2(bad)).GetProperty("error").GetString(), StringComparison.Ordinal);
        using var missing = await _board.Send(HttpMethod.Put, "/api/runs/4242/tags", new { tags = new[] { "x" } });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Bulk_tagging_adds_to_and_removes_from_every_selected_run()
    {
        var ids = new[] { _board.Id("sgd"), _board.Id("cifar"), 999_999L };
        using var added = await _board.Send(HttpMethod.Post, "/api/runs/tags", new { ids, add = new[] { "sweep-3" } });
        Assert.Equal(2, (await Body(added)).GetProperty("runs").GetInt32());
        Assert.Equal(2, (await _board.Json("/api/runs/count?q=tags%20%3D%20sweep-3")).GetProperty("count").GetInt64());
        using var removed = await _board.Send(HttpMethod.Post, "/api/runs/tags", new { ids = ids[..1], remove = new[] { "sweep-3" } });
        Assert.Equal(1, (await Body(removed)).GetProperty("removed").GetInt32());
        Assert.Equal(1, (await _board.Json("/api/runs/count?q=tags%20%3D%20sweep-3")).GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task Notes_replace_the_comment_in_the_table_and_are_searchable()
    {
        var id = _board.Id("baseline");
        using var set = await _board.Send(HttpMethod.Put, $"/api/runs/{id}/notes", new { notes = "warm restarts help\nsee run 3" });
        await Body(set);
        var row = (await _board.Json($"/api/runs?q=notes%20contains%20restarts")).GetProperty("rows").EnumerateArray().Single();
        Assert.Equal("warm restarts help\nsee run 3", row.GetProperty("notes").GetString());
        Assert.Equal("baseline", row.GetProperty("comment").GetString());
        using var cleared = await _board.Send(HttpMethod.Put, $"/api/runs/{id}/notes", new { notes = "" });
        await Body(cleared);
        Assert.Equal(JsonValueKind.Null, (await _board.Json($"/api/runs/{id}")).GetProperty("run").GetProperty("notes").ValueKind);
    }

    [Fact]
    public async Task Deleting_shows_what_will_go_keeps_running_runs_and_removes_the_rest()
    {
        var ids = new[] { _board.Id("baseline"), _board.Id("running"), _board.Id("failed") };
        using var planned = await _board.Send(HttpMethod.Post, "/api/runs/deletion-plan", new { ids });
        var plan = await Body(planned);
        Assert.Equal([_board.Id("baseline"), _board.Id("failed")], plan.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal([_board.Id("running")], plan.GetProperty("running").EnumerateArray().Select(r => r.GetInt64()));
        Assert.Equal(3, plan.GetProperty("metrics").GetInt64());
        Assert.Equal(500 + 3 + 3, plan.GetProperty("metricPoints").GetInt64());
        var freed = plan.GetProperty("filesFreed").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["curve.png", "metrics.json", "model.ckpt", "predictions.csv"], freed);
        Assert.Equal(1, plan.GetProperty("filesShared").GetInt64()); // Train.cs: the other runs use it too
        Assert.Equal(7, (await _board.Json("/api/runs/count")).GetProperty("count").GetInt64());

        using var deleted = await _board.Send(HttpMethod.Post, "/api/runs/delete", new { ids });
        Assert.Equal(2, (await Body(deleted)).GetProperty("deleted").GetArrayLength());
        Assert.Equal(5, (await _board.Json("/api/runs/count")).GetProperty("count").GetInt64());
        using var gone = await _board.Http.GetAsync($"/api/runs/{_board.Id("baseline")}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(0, (await _board.Json("/api/runs/count?q=id%20IN%20(1%2C%203)")).GetProperty("count").GetInt64());
        Assert.Equal(1, (await _board.Json($"/api/runs/count?q=id%20%3D%20{_board.Id("running")}")).GetProperty("count").GetInt64());
    }

    [Fact]
    public void Deleting_removes_the_files_no_other_run_uses_and_keeps_shared_ones()
    {
        var curation = RunCuration.Open(_board.Store.Path);
        curation.FileGracePeriod = TimeSpan.Zero;
        var files = Directory.GetFiles(Path.Combine(_board.Store.Path, "files"), "*", SearchOption.AllDirectories).Where(f => !f.Contains("/files/tmp/", StringComparison.Ordinal)).ToArray();
        var plan = curation.PlanDeletion([_board.Id("baseline")]);

        var result = curation.Delete([_board.Id("baseline")]);

        Assert.Equal(4, result.FilesDeleted);
        Assert.Equal(plan.FilesFreed.Sum(f => f.Size), result.BytesFreed);
        var left = Directory.GetFiles(Path.Combine(_board.Store.Path, "files"), "*", SearchOption.AllDirectories).Where(f => !f.Contains("/files/tmp/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(files.Length - 4, left.Length);
        Assert.All(plan.FilesFreed, f => Assert.DoesNotContain(left, l => l.EndsWith(f.Hash, StringComparison.Ordinal)));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_board.Store.Path, "files", "tmp")));
    }

    [Fact]
    public void A_file_reused_a_moment_ago_is_kept_because_a_starting_run_may_be_about_to_refer_to_it()
    {
        var curation = RunCuration.Open(_board.Store.Path);
        var result = curation.Delete([_board.Id("baseline")]);
        Assert.Equal(0, result.FilesDeleted);
        Assert.Equal(4, result.FilesKept);
    }

    private static async Task<JsonElement> Body2(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
