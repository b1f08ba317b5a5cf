using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary><c>GET /api/compare</c> on a real store: one request says everything that changed between runs.</summary>
public sealed class CompareApiTests : IClassFixture<CompareBoard>
{
    private readonly CompareBoard _board;

    public CompareApiTests(CompareBoard board) => _board = board;

    private Task<JsonElement> Compare() => _board.Json($"/api/compare?ids={_board.Before},{_board.After}");

    private static JsonElement Row(JsonElement rows, string property, string name) =>
        rows.EnumerateArray().Single(r => r.GetProperty(property).GetString() == name);

    [Fact]
    public async Task Config_rows_are_flattened_and_say_which_keys_differ()
    {
        var compare = await Compare();
        Assert.Equal([_board.Before, _board.After], compare.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        var config = compare.GetProperty("config");
        var rate = Row(config, "key", "learning_rate");
        Assert.True(rate.GetProperty("differs").GetBoolean());
        Assert.Equal([0.1, 0.05], rate.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.False(Row(config, "key", "model.head.dropout").GetProperty("differs").GetBoolean());
        Assert.Equal(["learning_rate"], config.EnumerateArray().Where(r => r.GetProperty("differs").GetBoolean()).Select(r => r.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task The_changed_source_line_is_diffed_and_the_unchanged_file_is_not()
    {
        var sources = (await Compare()).GetProperty("sources");
        Assert.Equal("same", Row(sources, "path", "Data.cs").GetProperty("change").GetString());
        Assert.Empty(Row(sources, "path", "Data.cs").GetProperty("diffs").EnumerateArray());
        var train = Row(sources, "path", "Train.cs");
        Assert.Equal("changed", train.GetProperty("change").GetString());
        var diff = train.GetProperty("diffs").EnumerateArray().Single();
        Assert.Equal(_board.After, diff.GetProperty("run").GetInt64());
        Assert.Equal(1, diff.GetProperty("added").GetInt32());
        Assert.Equal(1, diff.GetProperty("removed").GetInt32());
        var lines = diff.GetProperty("lines").EnumerateArray().Select(l => (Kind: l.GetProperty("kind").GetString(), Text: l.GetProperty("text").GetString())).ToList();
        Assert.Contains(("-", CompareBoard.OldLine), lines);
        Assert.Contains(("+", CompareBoard.NewLine), lines);
        var removed = lines.FindIndex(l => l.Kind == "-");

        // Three lines of context either side, and the rest of the file summarised.
        Assert.Equal([" ", " ", " "], lines.Skip(removed - 3).Take(3).Select(l => l.Kind));
        Assert.Equal(("…", "4 unchanged lines"), lines[^1]);
        Assert.Equal(6, diff.GetProperty("lines").EnumerateArray().First(l => l.GetProperty("kind").GetString() == "-").GetProperty("old").GetInt32());
    }

    [Fact]
    public async Task Dependencies_git_and_artifacts_say_what_was_added_removed_or_changed()
    {
        var compare = await Compare();
        var dependencies = compare.GetProperty("dependencies");
        Assert.Equal("same", Row(dependencies, "name", "Sacred.Runtime").GetProperty("change").GetString());
        Assert.Equal("changed", Row(dependencies, "name", "TorchSharp").GetProperty("change").GetString());
        Assert.Equal(["0.107.0", "0.108.0"], Row(dependencies, "name", "TorchSharp").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("removed", Row(dependencies, "name", "Newtonsoft.Json").GetProperty("change").GetString());
        Assert.Equal("added", Row(dependencies, "name", "System.Numerics.Tensors").GetProperty("change").GetString());

        var git = compare.GetProperty("git").EnumerateArray().Single();
        Assert.Equal("changed", git.GetProperty("change").GetString());
        Assert.Equal([new string('a', 40) + " (clean)", new string('b', 40) + " (dirty)"], git.GetProperty("values").EnumerateArray().Select(v => v.GetString()));

        var artifacts = compare.GetProperty("artifacts");
        Assert.Equal("changed", Row(artifacts, "name", "model.ckpt").GetProperty("change").GetString());
        Assert.Equal("same", Row(artifacts, "name", "labels.txt").GetProperty("change").GetString());
        Assert.StartsWith("sha256:", Row(artifacts, "name", "model.ckpt").GetProperty("values")[0].GetString(), System.StringComparison.Ordinal);
        Assert.Equal("same", Row(compare.GetProperty("host"), "name", "hostname").GetProperty("change").GetString());
        Assert.Equal([true, true], Row(compare.GetProperty("metrics"), "name", "training.loss").GetProperty("logged").EnumerateArray().Select(v => v.GetBoolean()));
    }

    [Fact]
    public async Task Output_is_diffed_with_its_timestamps_and_durations_ignored()
    {
        var output = (await Compare()).GetProperty("output").EnumerateArray().Single();
        Assert.Equal(1, output.GetProperty("added").GetInt32());
        Assert.Equal(1, output.GetProperty("removed").GetInt32());
        var changed = output.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("kind").GetString() is "+" or "-").Select(l => l.GetProperty("text").GetString());
        Assert.Equal(["test accuracy 0.91", "test accuracy 0.93"], changed);
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest, "Give 2 to 12")]
    [InlineData("ids=1", HttpStatusCode.BadRequest, "Give 2 to 12")]
    [InlineData("ids=1,x", HttpStatusCode.BadRequest, "'x' is not a run id")]
    [InlineData("ids=1,999", HttpStatusCode.NotFound, "no run 999")]
    public async Task Bad_ids_get_one_clear_line(string query, HttpStatusCode status, string message)
    {
        using var response = await _board.Http.GetAsync("/api/compare?" + query);
        Assert.Equal(status, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(message, body.GetProperty("error").GetString(), System.StringComparison.Ordinal);
    }
}
