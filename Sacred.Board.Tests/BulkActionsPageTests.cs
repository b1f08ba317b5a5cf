using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Sacred.Board.Tests;

/// <summary>Selecting runs in the table, tagging them together, and deleting them after a confirmation that shows what goes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BulkActionsPageTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;
    private readonly ChromiumBrowser _chromium;

    public BulkActionsPageTests(BoardHost board, ChromiumBrowser chromium)
    {
        _board = board;
        _chromium = chromium;
    }

    [Fact]
    public async Task Selected_runs_are_tagged_together_then_deleted_after_the_confirmation()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_board.Server.Url.ToString());
        var rows = page.Locator(".row[data-run]");
        await Expect(rows).ToHaveCountAsync(7);
        await page.GetByLabel($"select run {_board.Id("sgd")}").CheckAsync();
        await page.GetByLabel($"select run {_board.Id("failed")}").CheckAsync();
        await Expect(page.GetByRole(AriaRole.Toolbar, new() { Name = "selected runs" })).ToContainTextAsync("2 selected");

        await page.GetByLabel("tag for the selected runs").FillAsync("discard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add tag" }).ClickAsync();
        await Expect(page.Locator($".row[data-run='{_board.Id("sgd")}'] .tag")).ToHaveTextAsync("discard");
        await Expect(page.Locator($".row[data-run='{_board.Id("failed")}'] .tag")).ToHaveTextAsync("discard");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "delete runs" });
        await Expect(dialog.Locator("h2")).ToHaveTextAsync("Delete 2 runs?");
        await Expect(dialog).ToContainTextAsync("3 metric series (305 points)");
        await ChromiumBrowser.Screenshot(page, "runs-delete-confirmation");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete 2 runs" }).ClickAsync();

        await Expect(rows).ToHaveCountAsync(5);
        await Expect(page.Locator(".count")).ToHaveTextAsync("5 runs");
        await page.ReloadAsync();
        await Expect(rows).ToHaveCountAsync(5);
        await Expect(page.Locator($".row[data-run='{_board.Id("sgd")}']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
