using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Sacred.Board.Tests;

/// <summary>
/// Live updates in a real Chromium while a real experiment process records into the board's store: a new run is
/// announced, not inserted; its row and its open page follow its progress to the end without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LivePageTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;
    private readonly ChromiumBrowser _chromium;

    public LivePageTests(BoardHost board, ChromiumBrowser chromium)
    {
        _board = board;
        _chromium = chromium;
    }

    [Fact]
    public async Task A_run_started_by_the_test_appears_as_one_new_run_and_its_open_page_tails_output_to_COMPLETED()
    {
        var table = await _chromium.NewPageAsync();
        await table.GotoAsync(_board.Server.Url.ToString());
        var rows = table.Locator(".row[data-run]");
        await Expect(rows).ToHaveCountAsync(_board.Store.Ids.Count);

        using var probe = new ProbeRun(_board.Store.Path);
        var id = _board.Id("hostile") + 1;
        var notice = table.GetByRole(AriaRole.Button, new() { Name = "1 new run" });
        await Expect(notice).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(rows).ToHaveCountAsync(_board.Store.Ids.Count);
        await ChromiumBrowser.Screenshot(table, "live-new-run-notice");
        await notice.ClickAsync();
        await Expect(rows).ToHaveCountAsync(_board.Store.Ids.Count + 1);
        await Expect(table.Locator($".row[data-run='{id}'] .status")).ToHaveTextAsync("running");

        var run = await _chromium.NewPageAsync();
        await run.GotoAsync(new System.Uri(_board.Server.Url, $"/runs/{id}?tab=output").ToString());
        await Expect(run.Locator(".run-head .status")).ToHaveTextAsync("running");
        await Expect(run.Locator("pre.output")).ToContainTextAsync("waiting for release", new() { Timeout = 30_000 });
        await Expect(run.Locator(".badge-live")).ToBeVisibleAsync();

        probe.Release();
        await Expect(run.Locator("pre.output")).ToContainTextAsync("released", new() { Timeout = 30_000 });
        await Expect(run.Locator(".run-head .status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        await Expect(run.Locator(".badge-live")).ToHaveCountAsync(0);
        await ChromiumBrowser.Screenshot(run, "live-run-completed");

        // The table's row followed too, in place.
        await Expect(table.Locator($".row[data-run='{id}'] .status")).ToHaveTextAsync("completed", new() { Timeout = 30_000 });
        Assert.Equal(0, probe.WaitForExit());
        await run.Context.CloseAsync();
        await table.Context.CloseAsync();
    }
}
