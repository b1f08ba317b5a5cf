using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>The chart endpoints on a real store: ranges, bands, spikes, export, many runs, the config table, bad input.</summary>
public sealed class ChartsApiTests : IClassFixture<ChartsHost>
{
    private readonly ChartsHost _host;

    public ChartsApiTests(ChartsHost host) => _host = host;

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble())];

    private static long[] Longs(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetInt64())];

    [Fact]
    public async Task The_whole_series_is_downsampled_with_its_spike_and_each_bucket_band()
    {
        var id = _host.Ids["adam1"];
        var series = await _host.Json($"/api/runs/{id}/metrics?name=loss&points=1000");
        Assert.True(series.GetProperty("downsampled").GetBoolean());
        Assert.Equal(ChartsHost.Points, series.GetProperty("totalCount").GetInt64());
        Assert.Equal(ChartsHost.Points, series.GetProperty("rangeCount").GetInt64());
        var steps = Longs(series.GetProperty("steps"));
        var values = Doubles(series.GetProperty("values"));
        Assert.InRange(steps.Length, 500, 1000);
        var (spikeStep, spike) = ChartsHost.Spike(0);
        Assert.Equal(spike, values[Array.IndexOf(steps, spikeStep)]);

        var lo = Doubles(series.GetProperty("lo"));
        var hi = Doubles(series.GetProperty("hi"));
        Assert.Equal(steps.Length, lo.Length);
        Assert.All(Enumerable.Range(0, steps.Length), i => Assert.InRange(values[i], lo[i], hi[i]));
        Assert.Equal(spike, hi.Max());
    }

    [Fact]
    public async Task A_step_range_reads_only_that_range_at_higher_resolution()
    {
        var id = _host.Ids["adam1"];
        var series = await _host.Json($"/api/runs/{id}/metrics?name=loss&points=1000&from=30000&to=32999.5");
        Assert.Equal(3000, series.GetProperty("rangeCount").GetInt64());
        Assert.Equal(30000, series.GetProperty("from").GetInt64());
        Assert.Equal(32999, series.GetProperty("to").GetInt64());
        var steps = Longs(series.GetProperty("steps"));
        Assert.All(steps, s => Assert.InRange(s, 30000, 32999));
        Assert.Equal(30000, steps[0]);
        Assert.Equal(ChartsHost.Spike(0).Value, Doubles(series.GetProperty("values")).Max());

        // A range across a chunk boundary (65,536) that fits is returned whole, point for point.
        var whole = await _host.Json($"/api/runs/{id}/metrics?name=loss&points=1000&from=65000&to=65999");
        Assert.False(whole.GetProperty("downsampled").GetBoolean());
        Assert.Equal(Enumerable.Range(65000, 1000).Select(i => (long)i), Longs(whole.GetProperty("steps")));
        Assert.Equal(1.0 / (1 + (0.001 * 65500)), Doubles(whole.GetProperty("values"))[500], 12);

        var empty = await _host.Json($"/api/runs/{id}/metrics?name=loss&from=900000");
        Assert.Equal(0, empty.GetProperty("rangeCount").GetInt64());
        Assert.Empty(empty.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task Buckets_of_thousands_of_points_read_block_summaries_and_still_keep_every_spike()
    {
        var id = _host.Ids["sgd"];
        var (spikeStep, spike) = ChartsHost.Spike(2);
        foreach (var path in new[] { "points=100", "points=100", "points=50&from=10000&to=140000" })
        {
            var series = await _host.Json($"/api/runs/{id}/metrics?name=loss&{path}");
            var steps = Longs(series.GetProperty("steps"));
            var values = Doubles(series.GetProperty("values"));
            var lo = Doubles(series.GetProperty("lo"));
            var hi = Doubles(series.GetProperty("hi"));
            Assert.True(series.GetProperty("downsampled").GetBoolean());
            Assert.InRange(steps.Length, 2, path.StartsWith("points=100", StringComparison.Ordinal) ? 100 : 50);
            Assert.Equal(spike, values[Array.IndexOf(steps, spikeStep)]);
            Assert.Equal(steps.Order(), steps);
            Assert.All(Enumerable.Range(0, steps.Length), i => Assert.InRange(values[i], lo[i], hi[i]));

            // The series falls monotonically apart from the spike, so its smallest value is the last one in range.
            var last = path.Contains("to=", StringComparison.Ordinal) ? 140000 : ChartsHost.Points - 1;
            Assert.Equal(3.0 / (1 + (0.001 * last)), lo.Min(), 12);
            Assert.Equal(last, steps[^1]);
        }
    }

    [Fact]
    public async Task The_export_streams_every_point_as_a_CSV_attachment()
    {
        var id = _host.Ids["sgd"];
        using var response = await _host.Http.GetAsync($"/api/runs/{id}/metrics/export?name=loss");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"run-{id}-loss.csv", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("step,value,time", lines[0]);
        Assert.Equal(ChartsHost.Points + 1, lines.Length);
        var (spikeStep, spike) = ChartsHost.Spike(2);
        var fields = lines[spikeStep + 1].Split(',');
        Assert.Equal(spikeStep.ToString(CultureInfo.InvariantCulture), fields[0]);
        Assert.Equal(spike, double.Parse(fields[1], CultureInfo.InvariantCulture));
        Assert.Equal(3.0 / (1 + (0.001 * 7)), double.Parse(lines[8].Split(',')[1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Many_runs_come_in_one_request_filtered_by_the_query_with_their_legend_keys()
    {
        var body = await _host.Json("/api/charts/runs?q=" + Uri.EscapeDataString("experiment = mnist AND config.optimizer = adam") + "&metric=loss&key=config.optimizer&key=config.learning_rate&points=400");
        Assert.Equal(2, body.GetProperty("total").GetInt64());
        Assert.Equal(["config.optimizer", "config.learning_rate"], body.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        var runs = body.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(new[] { _host.Ids["adam2"], _host.Ids["adam1"] }, runs.Select(r => r.GetProperty("id").GetInt64()));
        Assert.All(runs, r => Assert.Equal("adam", r.GetProperty("keys")[0].GetString()));
        Assert.Equal(0.05, runs[0].GetProperty("keys")[1].GetDouble());
        Assert.All(runs, r => Assert.Equal(ChartsHost.Points, r.GetProperty("series").GetProperty("totalCount").GetInt64()));
        Assert.Contains(ChartsHost.Spike(1).Value, Doubles(runs[0].GetProperty("series").GetProperty("values")));

        var selection = await _host.Json($"/api/charts/runs?q=" + Uri.EscapeDataString($"id IN ({_host.Ids["sgd"]}, {_host.Ids["short"]})") + "&metric=loss");
        Assert.Equal(2, selection.GetProperty("runs").GetArrayLength());
        Assert.Equal([1.0, 2.0, 3.0], Doubles(selection.GetProperty("runs")[0].GetProperty("series").GetProperty("values")).Order());
    }

    [Fact]
    public async Task A_zoomed_overlay_reads_every_run_only_within_the_step_range_at_higher_resolution()
    {
        var q = "&q=" + Uri.EscapeDataString("experiment = mnist") + "&metric=loss&points=400";
        var whole = (await _host.Json("/api/charts/runs?" + q)).GetProperty("runs").EnumerateArray().ToArray();
        var zoomed = (await _host.Json("/api/charts/runs?" + q + "&from=29999.5&to=32999")).GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(3, zoomed.Length);
        Assert.Equal(whole.Select(r => r.GetProperty("id").GetInt64()), zoomed.Select(r => r.GetProperty("id").GetInt64()));
        for (var i = 0; i < zoomed.Length; i++)
        {
            var series = zoomed[i].GetProperty("series");
            Assert.Equal(30000, series.GetProperty("from").GetInt64());
            Assert.Equal(32999, series.GetProperty("to").GetInt64());
            Assert.Equal(3000, series.GetProperty("rangeCount").GetInt64());
            Assert.Equal(ChartsHost.Points, series.GetProperty("totalCount").GetInt64());
            var steps = Longs(series.GetProperty("steps"));
            Assert.All(steps, s => Assert.InRange(s, 30000, 32999));

            // Points per step: the whole series spreads ~400 points over 150,000 steps, the zoom as many over 3,000.
            var wholeSteps = Longs(whole[i].GetProperty("series").GetProperty("steps"));
            var wholeDensity = (double)wholeSteps.Length / ChartsHost.Points;
            var zoomedDensity = (double)steps.Length / 3000;
            Assert.True(zoomedDensity > 10 * wholeDensity, $"run {i}: {steps.Length} points in 3,000 steps against {wholeSteps.Length} in {ChartsHost.Points:N0}");
        }

        // adam1's spike (step 31,337) is inside the range and kept at its full height.
        var adam1 = zoomed.Single(r => r.GetProperty("id").GetInt64() == _host.Ids["adam1"]).GetProperty("series");
        Assert.Contains(ChartsHost.Spike(0).Value, Doubles(adam1.GetProperty("values")));
    }

    [Fact]
    public async Task The_table_gives_config_values_and_a_metric_summary_per_filtered_run()
    {
        var body = await _host.Json("/api/charts/table?q=" + Uri.EscapeDataString("config.learning_rate >= 0.1") + "&field=config.learning_rate&field=config.optimizer&field=metrics.loss.max");
        Assert.Equal(3, body.GetProperty("total").GetInt64());
        var rows = body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetInt64(), r => r.GetProperty("values"));
        Assert.Equal(0.2, rows[_host.Ids["sgd"]][0].GetDouble());
        Assert.Equal("sgd", rows[_host.Ids["sgd"]][1].GetString());
        Assert.Equal(ChartsHost.Spike(2).Value, rows[_host.Ids["sgd"]][2].GetDouble());
        Assert.Equal(3.0, rows[_host.Ids["short"]][2].GetDouble());
    }

    [Theory]
    [InlineData("/api/runs/{adam1}/metrics?name=loss&from=abc", "from")]
    [InlineData("/api/runs/{adam1}/metrics?name=loss&from=10&to=5", "from")]
    [InlineData("/api/runs/{adam1}/metrics?name=loss&points=1", "points")]
    [InlineData("/api/charts/runs?metric=loss&q=config.optimizer%20%3D", "q")]
    [InlineData("/api/charts/runs?q=", "metric")]
    [InlineData("/api/charts/runs?metric=loss&limit=100000", "limit")]
    [InlineData("/api/charts/runs?metric=loss&key=nonsense", "key")]
    [InlineData("/api/charts/runs?metric=loss&from=abc", "from")]
    [InlineData("/api/charts/runs?metric=loss&to=1e400", "to")]
    [InlineData("/api/charts/runs?metric=loss&from=10&to=5", "from")]
    [InlineData("/api/charts/table?field=config.learning_rate&q=(", "q")]
    [InlineData("/api/charts/table", "field")]
    public async Task Bad_input_is_a_400_with_one_clear_message(string path, string parameter)
    {
        using var response = await _host.Http.GetAsync(path.Replace("{adam1}", _host.Ids["adam1"].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(parameter, body.GetProperty("parameter").GetString());
        var message = body.GetProperty("error").GetString()!;
        Assert.DoesNotContain('\n', message);
        Assert.True(message.Length > 10, message);
    }

    [Fact]
    public async Task A_missing_metric_is_a_404_for_the_series_and_the_export()
    {
        var id = _host.Ids["adam1"];
        using var series = await _host.Http.GetAsync($"/api/runs/{id}/metrics?name=nope");
        using var export = await _host.Http.GetAsync($"/api/runs/{id}/metrics/export?name=nope");
        Assert.Equal(HttpStatusCode.NotFound, series.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        Assert.Contains("no metric 'nope'", JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
