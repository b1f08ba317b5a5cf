using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Sacred.Board.Tests;

/// <summary>The charts in a real Chromium: zoom re-fetches at higher resolution, smoothing, overlay and grouping.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartsPageTests : IClassFixture<ChartsHost>
{
    private readonly ChartsHost _host;
    private readonly ChromiumBrowser _chromium;

    public ChartsPageTests(ChartsHost host, ChromiumBrowser chromium)
    {
        _host = host;
        _chromium = chromium;
    }

    [Fact]
    public async Task Zooming_refetches_the_visible_range_at_higher_resolution()
    {
        var page = await _chromium.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(_host.Server.Url, $"/runs/{_host.Ids["adam1"]}").ToString());
        var card = page.Locator(".chart-card[data-metric='loss']");
        await Expect(card.GetByTestId("points-badge")).ToContainTextAsync("of 150,000 points shown, spikes kept");
        var shownBefore = int.Parse((await card.GetAttributeAsync("data-shown"))!, CultureInfo.InvariantCulture);
        await ChromiumBrowser.Screenshot(page, "chart-whole");

        // Drag across a tenth of the plot, as a person zooms.
        var plot = card.Locator(".u-over");
        var box = (await plot.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.2f), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.25f), box.Y + (box.Height / 2), new() { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.3f), box.Y + (box.Height / 2), new() { Steps = 5 });
        await page.Mouse.UpAsync();

        await Expect(card.GetByTestId("points-badge")).ToContainTextAsync("in this range");
        var from = long.Parse((await card.GetAttributeAsync("data-from"))!, CultureInfo.InvariantCulture);
        var to = long.Parse((await card.GetAttributeAsync("data-to"))!, CultureInfo.InvariantCulture);
        var inRange = long.Parse((await card.GetAttributeAsync("data-range-count"))!, CultureInfo.InvariantCulture);
        Assert.InRange(from, 20_000, 40_000);
        Assert.InRange(to - from, 5_000, 25_000);
        Assert.Equal(to - from + 1, inRange);
        Assert.Contains(requests, url => url.Contains("/metrics?", StringComparison.Ordinal) && url.Contains($"from={from}", StringComparison.Ordinal) && url.Contains($"to={to}", StringComparison.Ordinal));

        // The zoomed range holds a tenth of the points, but as many are drawn: ten times the resolution.
        var shownAfter = int.Parse((await card.GetAttributeAsync("data-shown"))!, CultureInfo.InvariantCulture);
        Assert.True(shownAfter > shownBefore / 2, $"{shownAfter} points drawn after the zoom, {shownBefore} before");
        Assert.Equal($"{shownAfter:N0} of {inRange:N0} points in this range shown, spikes kept", await card.GetByTestId("points-badge").TextContentAsync());
        await ChromiumBrowser.Screenshot(page, "chart-zoomed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reset zoom" }).ClickAsync();
        await Expect(card.GetByTestId("points-badge")).ToContainTextAsync("of 150,000 points shown");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_smoothing_slider_changes_the_drawn_series()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(new Uri(_host.Server.Url, $"/runs/{_host.Ids["short"]}").ToString());
        var card = page.Locator(".chart-card[data-metric='loss']");
        await Expect(card.GetByTestId("points-badge")).ToHaveTextAsync("all 3 points shown");
        Assert.Equal(6.0, double.Parse((await card.GetAttributeAsync("data-drawn-sum"))!, CultureInfo.InvariantCulture), 9);

        await page.GetByLabel("smoothing").FillAsync("0.5");
        // Debiased EMA with w = 0.5 over 3, 2, 1: 3, (0.75 + 1) / 0.75 = 2.3333, (0.875 + 0.5) / 0.875 = 1.5714.
        await Expect(card).Not.ToHaveAttributeAsync("data-drawn-sum", "6.00000000000");
        var sum = double.Parse((await card.GetAttributeAsync("data-drawn-sum"))!, CultureInfo.InvariantCulture);
        Assert.Equal(3 + (1.75 / 0.75) + (1.375 / 0.875), sum, 9);
        Assert.Contains("smooth=0.5", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Three_runs_overlay_with_a_legend_from_a_config_key_and_group_into_bands()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_host.Server.Url.ToString() + "?q=" + Uri.EscapeDataString("experiment = mnist"));
        await Expect(page.Locator(".count")).ToContainTextAsync("3 runs");
        await page.GetByRole(AriaRole.Link, new() { Name = "Charts" }).ClickAsync();
        await Expect(page.GetByTestId("chart-query")).ToHaveTextAsync("experiment = mnist");

        await page.GetByLabel("legend").SelectOptionAsync(["config.optimizer"]);
        var legend = page.GetByTestId("legend");
        await Expect(legend.Locator(".legend-item")).ToHaveCountAsync(3);
        // The items are there before the chosen key reaches their labels: wait for the labels, not only the count.
        await Expect(legend.Locator(".legend-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(" adam$") })).ToHaveCountAsync(2);
        await Expect(legend.Locator(".legend-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex(" sgd$") })).ToHaveCountAsync(1);
        await Expect(page.Locator(".many-canvas")).ToHaveAttributeAsync("data-lines", "3");
        await Expect(page.GetByTestId("many-badge")).ToContainTextAsync("3 of 3 runs");
        await ChromiumBrowser.Screenshot(page, "charts-overlay");

        await page.GetByRole(AriaRole.Button, new() { Name = "Group" }).ClickAsync();
        await page.GetByLabel("group by").SelectOptionAsync(["config.optimizer"]);
        await Expect(legend.Locator(".legend-item")).ToHaveTextAsync(["adam (2 runs)", "sgd (1 run)"]);
        await Expect(page.Locator(".many-canvas")).ToHaveAttributeAsync("data-bands", "2");
        await ChromiumBrowser.Screenshot(page, "charts-grouped");
        Assert.Contains("group=config.optimizer", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Scatter" }).ClickAsync();
        await Expect(page.Locator("svg[aria-label='scatter plot'] circle")).ToHaveCountAsync(3);
        await page.GetByRole(AriaRole.Button, new() { Name = "Parallel coordinates" }).ClickAsync();
        await Expect(page.Locator("svg[aria-label='parallel coordinates'] polyline")).ToHaveCountAsync(3);
        await ChromiumBrowser.Screenshot(page, "charts-parallel");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dragging_across_the_overlay_refetches_the_runs_within_that_step_range()
    {
        var page = await _chromium.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(_host.Server.Url.ToString() + "charts?q=" + Uri.EscapeDataString("experiment = mnist"));
        var canvas = page.Locator(".many-canvas");
        await Expect(canvas).ToHaveAttributeAsync("data-lines", "3");
        await Expect(page.GetByTestId("many-badge")).ToContainTextAsync("of 450,000 points shown");
        var x0 = double.Parse((await canvas.GetAttributeAsync("data-x0"))!, CultureInfo.InvariantCulture);
        var x1 = double.Parse((await canvas.GetAttributeAsync("data-x1"))!, CultureInfo.InvariantCulture);

        // Drag across a tenth of the plot, as a person zooms.
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.2f), box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.25f), box.Y + (box.Height / 2), new() { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + (box.Width * 0.3f), box.Y + (box.Height / 2), new() { Steps = 5 });
        await page.Mouse.UpAsync();

        await Expect(page.GetByTestId("many-badge")).ToContainTextAsync("in this range");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]from=\\d+&to=\\d+"));
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        var from = long.Parse(query["from"]!, CultureInfo.InvariantCulture);
        var to = long.Parse(query["to"]!, CultureInfo.InvariantCulture);
        Assert.InRange(from, x0 + ((x1 - x0) * 0.1), x0 + ((x1 - x0) * 0.3));
        Assert.InRange(to - from, (x1 - x0) * 0.05, (x1 - x0) * 0.2);
        Assert.Contains(requests, url => url.Contains("/api/charts/runs?", StringComparison.Ordinal) && url.Contains($"from={from}", StringComparison.Ordinal) && url.Contains($"to={to}", StringComparison.Ordinal));

        // The chart now spans only the range, with all three runs drawn in it.
        await Expect(canvas).ToHaveAttributeAsync("data-x0", from.ToString(CultureInfo.InvariantCulture));
        await Expect(canvas).ToHaveAttributeAsync("data-x1", to.ToString(CultureInfo.InvariantCulture));
        await Expect(canvas).ToHaveAttributeAsync("data-lines", "3");
        await ChromiumBrowser.Screenshot(page, "charts-overlay-zoomed");

        // The range is in the address: a reload keeps it, and so does the group view, whose grid then spans only the
        // range; a double-click returns to the whole series.
        await page.ReloadAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-x1", to.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Group" }).ClickAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-bands", "1");
        await Expect(canvas).ToHaveAttributeAsync("data-x0", from.ToString(CultureInfo.InvariantCulture));
        await Expect(canvas).ToHaveAttributeAsync("data-x1", to.ToString(CultureInfo.InvariantCulture));
        Assert.Contains($"from={from}&to={to}", page.Url, StringComparison.Ordinal);
        await canvas.DblClickAsync();
        await Expect(page.GetByTestId("many-badge")).Not.ToContainTextAsync("in this range");
        Assert.DoesNotContain("from=", page.Url, StringComparison.Ordinal);
        await Expect(canvas).ToHaveAttributeAsync("data-x1", x1.ToString(CultureInfo.InvariantCulture));
        await page.Context.CloseAsync();
    }
}
