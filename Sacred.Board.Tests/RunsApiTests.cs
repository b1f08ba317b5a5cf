using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>The runs table's API over a real recorded store: query language, sorting, paging, columns, errors.</summary>
public sealed class RunsApiTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;

    public RunsApiTests(BoardHost board) => _board = board;

    private async Task<long[]> Ids(string query, string extra = "")
    {
        var page = await _board.Json($"/api/runs?q={Uri.EscapeDataString(query)}{extra}");
        return page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToArray();
    }

    private long[] Roles(params string[] roles) => roles.Select(_board.Id).ToArray();

    [Fact]
    public async Task An_empty_query_lists_every_run_newest_first_with_the_count()
    {
        var ids = await Ids("");
        Assert.Equal(_board.Store.Ids.Values.OrderDescending(), ids);
        Assert.Equal(_board.Store.Ids.Count, (await _board.Json("/api/runs/count")).GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task OR_combines_conditions_on_different_fields()
    {
        var ids = await Ids("experiment = cifar OR config.optimizer = sgd", "&order=asc");
        Assert.Equal(Roles("sgd", "cifar", "dead"), ids);
    }

    [Fact]
    public async Task AND_binds_tighter_than_OR_and_parentheses_group()
    {
        Assert.Equal(Roles("sgd", "cifar"), await Ids("experiment = cifar OR config.optimizer = sgd AND status = COMPLETED", "&order=asc"));
        Assert.Equal(Roles("sgd"), await Ids("(experiment = cifar OR config.optimizer = sgd) AND config.model.depth < 4", "&order=asc"));
    }

    [Fact]
    public async Task Config_keys_at_any_depth_compare_as_numbers_text_and_booleans()
    {
        Assert.Equal(Roles("cifar"), await Ids("config.model.head.dropout >= 0.3"));
        Assert.Equal(Roles("sgd", "dead"), await Ids("config.batch_norm = false", "&order=asc"));
        Assert.Equal(Roles("baseline", "failed", "cifar", "running"), await Ids("config.optimizer = adam", "&order=asc"));
        Assert.Equal(Roles("sgd", "running", "dead", "hostile"), await Ids("config.learning_rate = 0.02..0.07", "&order=asc"));
        Assert.Equal(Roles("baseline", "failed"), await Ids("config.learning_rate IN (0.1, 0.5)", "&order=asc"));
    }

    [Fact]
    public async Task NOT_and_not_equal_include_runs_without_the_key()
    {
        var withoutOptimizer = await Ids("NOT config.optimizer = adam", "&order=asc");
        Assert.Equal(Roles("sgd", "dead", "hostile"), withoutOptimizer);
        Assert.Equal(withoutOptimizer, await Ids("config.optimizer != adam", "&order=asc"));
        Assert.Equal(Roles("hostile"), await Ids("config.optimizer = null"));
    }

    [Fact]
    public async Task Status_includes_probably_dead_from_a_stale_heartbeat()
    {
        Assert.Equal(Roles("dead"), await Ids("status = probably_dead"));
        Assert.Equal(Roles("running"), await Ids("status = RUNNING"));
        Assert.Equal(Roles("failed", "dead"), await Ids("status IN (FAILED, PROBABLY_DEAD)", "&order=asc"));
    }

    [Fact]
    public async Task Times_durations_hosts_text_and_regex_filter()
    {
        Assert.Equal(Roles("cifar"), await Ids("duration > 2h"));
        Assert.Equal(Roles("cifar"), await Ids("start < 4h ago"));
        Assert.Equal(Roles("cifar"), await Ids("host = gpu-box-2"));
        Assert.Equal(Roles("baseline"), await Ids("notes contains BASE"));
        Assert.Equal(Roles("sgd", "cifar"), await Ids("experiment ~ \"^c|^m\" AND result BETWEEN 0.6 AND 0.9", "&order=asc"));
    }

    [Fact]
    public async Task Metric_summaries_filter_and_sort_including_the_mean()
    {
        var byMin = await Ids("metrics.training.loss.count > 100", "&sort=metrics.training.loss.min&order=asc");
        var page = await _board.Json("/api/runs?q=&sort=metrics.training.loss.min&order=asc&col=metrics.training.loss.min&col=metrics.training.loss.mean");
        var mins = page.GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("values")[0]).Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToArray();
        Assert.Equal(mins.Order(), mins);
        Assert.Equal(Roles("baseline", "sgd", "cifar").Length, byMin.Length);
        var baseline = page.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == _board.Id("failed"));
        Assert.Equal(5.75, baseline.GetProperty("values")[1].GetDouble(), 6); // (2.0 + 9.5) / 2: NaN skipped
    }

    [Fact]
    public async Task Sorting_by_a_config_key_puts_runs_without_it_last_either_way()
    {
        var ascending = await Ids("", "&sort=config.model.depth&order=asc");
        var descending = await Ids("", "&sort=config.model.depth&order=desc");
        Assert.Equal(_board.Id("hostile"), ascending[^1]);
        Assert.Equal(_board.Id("hostile"), descending[^1]);
        Assert.Equal(_board.Id("cifar"), descending[0]);
    }

    [Fact]
    public async Task Paging_with_offset_and_limit_walks_the_same_order()
    {
        var all = await Ids("", "&sort=config.learning_rate&order=asc");
        var first = await Ids("", "&sort=config.learning_rate&order=asc&limit=3");
        var second = await Ids("", "&sort=config.learning_rate&order=asc&limit=3&offset=3");
        Assert.Equal(all.Take(6), first.Concat(second));
    }

    [Fact]
    public async Task Columns_return_config_values_and_metric_summaries_in_order()
    {
        var page = await _board.Json($"/api/runs?q=id={_board.Id("baseline")}&col=config.model.head.activation&col=config.batch_norm&col=metrics.validation.accuracy.max&col=config.layers");
        var values = page.GetProperty("rows")[0].GetProperty("values");
        Assert.Equal("relu", values[0].GetString());
        Assert.Equal("true", values[1].GetString());
        Assert.Equal(0.91, values[2].GetDouble());
        Assert.Equal("[256,128]", values[3].GetString());
    }

    [Theory]
    [InlineData("config.learning_rate >", 22, "ends where a value")]
    [InlineData("lr > 0.1", 0, "Unknown field 'lr'")]
    [InlineData("config.learnig_rate > 0.1", 0, "did you mean config.learning_rate")]
    [InlineData("duration > 2", 11, "needs a unit")]
    [InlineData("status = FAILED OR", 18, "ends where a condition")]
    [InlineData("(status = FAILED", 16, "is not closed")]
    [InlineData("experiment ~ \"(\"", 13, "regular expression")]
    [InlineData("start > tomorrow", 8, "not a time")]
    public async Task A_malformed_query_is_a_400_with_the_position_and_what_is_valid(string query, int position, string message)
    {
        using var response = await _board.Http.GetAsync($"/api/runs?q={Uri.EscapeDataString(query)}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = body.GetProperty("query");
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(position, error.GetProperty("position").GetInt32());
        Assert.NotEmpty(error.GetProperty("expected").EnumerateArray());
    }

    [Fact]
    public async Task The_catalog_lists_flattened_config_keys_metrics_and_statuses()
    {
        var catalog = await _board.Json("/api/catalog");
        var keys = catalog.GetProperty("configKeys").EnumerateArray().Select(k => k.GetProperty("path").GetString()).ToArray();
        Assert.Contains("config.model.head.dropout", keys);
        Assert.Contains("config.layers", keys);
        Assert.DoesNotContain("config.model", keys);
        Assert.Contains("validation.accuracy", catalog.GetProperty("metrics").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("PROBABLY_DEAD", catalog.GetProperty("statuses").EnumerateArray().Select(m => m.GetString()));
        var values = await _board.Json("/api/catalog/values?field=config.optimizer");
        Assert.Equal(["adam", "sgd"], values.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }
}
