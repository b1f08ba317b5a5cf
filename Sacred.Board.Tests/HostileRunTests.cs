using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Sacred.Board.Tests;

/// <summary>
/// A run whose every recorded string (name, host, config keys and values, output, sources, artifacts, fail trace,
/// metric names) and every curated string (tags, notes) is an attempt to run script. A trap on the page records
/// any script that runs; the board must show all of it as text and run none of it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileRunTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;
    private readonly ChromiumBrowser _chromium;

    public HostileRunTests(BoardHost board, ChromiumBrowser chromium)
    {
        _board = board;
        _chromium = chromium;
    }

    private static async Task AssertNothingRan(IPage page, string where)
    {
        var ran = await page.EvaluateAsync<string[]>("() => window.__sacredRan");
        Assert.True(ran.Length == 0, $"script ran on {where}: {string.Join(", ", ran)}");
    }

    [Fact]
    public async Task Nothing_a_hostile_run_recorded_or_a_user_typed_executes_anywhere_in_the_board()
    {
        var page = await _chromium.NewPageAsync();
        var id = _board.Id("hostile");
        await page.GotoAsync(_board.Server.Url.ToString());
        await page.EvaluateAsync($"() => {{ window.{BoardStore.HostileMarker} = 'probe'; window.__sacredRan_probe = window.__sacredRan.splice(0); }}");
        Assert.Equal(["probe"], await page.EvaluateAsync<string[]>("() => window.__sacredRan_probe"));
        await Expect(page.Locator($".row[data-run='{id}']")).ToContainTextAsync("evil<img src=x onerror=");
        await page.GetByLabel("query").FillAsync("experiment contains \"<img\"");
        await page.GetByLabel("query").PressAsync("Enter");
        await Expect(page.Locator(".row[data-run]")).ToHaveCountAsync(1);
        await AssertNothingRan(page, "the runs table");

        await page.Locator($".row[data-run='{id}']").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("evil<img src=x onerror=\"window.__sacred_pwned=2\">");
        await Expect(page.Locator(".fail-trace pre")).ToHaveTextAsync("<script>window.__sacred_pwned=1</script>");

        await page.GetByLabel("add a tag").FillAsync("<img src=x onerror=window.__sacred_pwned=7>");
        await page.GetByLabel("add a tag").PressAsync("Enter");
        await page.Locator(".notes-text").ClickAsync();
        await page.GetByLabel("notes").FillAsync("<script>window.__sacred_pwned=8</script><img src=x onerror=window.__sacred_pwned=9>");
        await page.GetByLabel("notes").PressAsync("Control+Enter");
        await Expect(page.Locator(".notes-text")).ToContainTextAsync("<script>window.__sacred_pwned=8</script>");
        await page.ReloadAsync();
        await Expect(page.Locator(".tag-editor .tag")).ToContainTextAsync("<img src=x onerror=window.__sacred_pwned=7>");
        await Expect(page.Locator(".notes-text")).ToContainTextAsync("<img src=x onerror=window.__sacred_pwned=9>");
        await ChromiumBrowser.Screenshot(page, "hostile-run");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Config" }).ClickAsync();
        await Expect(page.Locator(".config-tree")).ToContainTextAsync("\"<script>window.__sacred_pwned=1</script><img src=x onerror=");
        await Expect(page.Locator(".config-tree .tree-key .mark-added")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Output" }).ClickAsync();
        await Expect(page.Locator("pre.output")).ToContainTextAsync("<script>window.__sacred_pwned=1</script>");
        await Expect(page.Locator("pre.output")).ToContainTextAsync("click me");
        Assert.Equal(0, await page.Locator("pre.output a, pre.output img, pre.output script").CountAsync());
        await ChromiumBrowser.Screenshot(page, "hostile-output");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Sources" }).ClickAsync();
        await Expect(page.Locator(".code")).ToContainTextAsync("// <script>window.__sacred_pwned=1</script>");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Artifacts" }).ClickAsync();
        foreach (var name in new[] { "evil.html", "evil.svg", "notes<img src=x onerror=\"window.__sacred_pwned=2\">.txt" })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
            await Expect(page.Locator(".preview .preview-head")).ToContainTextAsync(name);
            if (name.EndsWith(".svg", StringComparison.Ordinal))
            {
                await Expect(page.Locator(".preview img")).ToHaveJSPropertyAsync("complete", true);
            }
            else
            {
                await Expect(page.Locator(".preview pre")).ToContainTextAsync("<script>window.__sacred_pwned=1</script>");
            }
        }

        await ChromiumBrowser.Screenshot(page, "hostile-artifacts");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Metrics" }).ClickAsync();
        await Expect(page.Locator(".metric-name")).ToHaveTextAsync("loss<img src=x onerror=\"window.__sacred_pwned=2\">");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Host & environment" }).ClickAsync();
        await Expect(page.Locator(".environment")).ToContainTextAsync("host<svg onload=");
        await AssertNothingRan(page, "the hostile run's page");

        // The compare view shows the hostile run's config, sources, output, metrics and names against a normal run.
        await page.GotoAsync(new Uri(_board.Server.Url, $"/compare?ids={id},{_board.Id("baseline")}").ToString());
        await Expect(page.Locator(".compare-runs")).ToContainTextAsync("evil<img src=x onerror=");
        await Expect(page.Locator(".source-diff").First).ToContainTextAsync("// <script>window.__sacred_pwned=1</script>");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Config" }).ClickAsync();
        await Expect(page.Locator(".compare-config")).ToContainTextAsync("<script>window.__sacred_pwned=1</script><img src=x onerror=");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Output" }).ClickAsync();
        await Expect(page.Locator(".output-diffs .diff-del").First).ToContainTextAsync("plain line");
        await Expect(page.Locator(".output-diffs")).ToContainTextAsync("<script>window.__sacred_pwned=1</script>");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Metrics" }).ClickAsync();
        await Expect(page.Locator(".overlay-card .metric-name").First).ToHaveTextAsync("loss<img src=x onerror=\"window.__sacred_pwned=2\">");
        await Expect(page.Locator(".overlay-card canvas").First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".compare-page img, .compare-page script, .compare-page svg, .compare-page a[href^='javascript']").CountAsync());
        await ChromiumBrowser.Screenshot(page, "hostile-compare");
        await AssertNothingRan(page, "the compare view of the hostile run");

        // A browser sent straight to a stored SVG: served sandboxed, its script never runs.
        var svg = new Uri(_board.Server.Url, $"/api/runs/{id}/artifact?name=evil.svg");
        var response = await page.GotoAsync(svg.ToString());
        Assert.Contains("sandbox", response!.Headers["content-security-policy"], StringComparison.Ordinal);
        await page.WaitForTimeoutAsync(300);
        await AssertNothingRan(page, "the stored SVG opened directly");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_stored_HTML_file_is_a_sandboxed_download_never_a_page()
    {
        using var response = await _board.Http.GetAsync($"/api/runs/{_board.Id("hostile")}/artifact?name=evil.html");
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Contains("sandbox", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(" ", response.Headers.GetValues("X-Content-Type-Options")));
    }
}
