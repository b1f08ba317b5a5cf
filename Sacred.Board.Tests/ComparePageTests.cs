using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Sacred.Board.Tests;

/// <summary>The compare view in a real Chromium: chosen from a selection in the table, a source diff, differences only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComparePageTests : IClassFixture<CompareBoard>
{
    private readonly CompareBoard _board;
    private readonly ChromiumBrowser _chromium;

    public ComparePageTests(CompareBoard board, ChromiumBrowser chromium)
    {
        _board = board;
        _chromium = chromium;
    }

    [Fact]
    public async Task Two_runs_selected_in_the_table_compare_with_the_changed_source_line_and_the_differing_config_key()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_board.Server.Url.ToString());
        await Expect(page.Locator(".row[data-run]")).ToHaveCountAsync(2);
        foreach (var id in new[] { _board.Before, _board.After })
        {
            await page.GetByLabel($"select run {id}").CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Compare", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/compare\\?ids={_board.Before}(%2C|,){_board.After}$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Compare 2 runs");

        // What changed: the one changed line of Train.cs, removed and added; Data.cs is not listed.
        var diff = page.Locator(".source-diff[data-path='Train.cs']");
        await Expect(diff.Locator(".diff-del")).ToHaveTextAsync(new Regex(Regex.Escape(CompareBoard.OldLine.Trim()) + "$"));
        await Expect(diff.Locator(".diff-add")).ToHaveTextAsync(new Regex(Regex.Escape(CompareBoard.NewLine.Trim()) + "$"));
        await Expect(page.Locator(".source-diff[data-path='Data.cs']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".change-group[data-group='Dependencies']")).ToContainTextAsync("0.108.0");
        await Expect(page.Locator(".change-group[data-group='Git']")).ToContainTextAsync("(dirty)");
        await ChromiumBrowser.Screenshot(page, "compare-what-changed");

        // Config, differences only: learning_rate and nothing else; all keys when unticked.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Config" }).ClickAsync();
        var differencesOnly = page.GetByLabel("Differences only");
        await Expect(differencesOnly).ToBeCheckedAsync();
        await Expect(page.Locator(".compare-config tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator(".compare-config tr[data-key='learning_rate']")).ToContainTextAsync("0.05");
        await ChromiumBrowser.Screenshot(page, "compare-config-differences");
        await differencesOnly.UncheckAsync();
        await Expect(page.Locator(".compare-config tr[data-key='model.head.dropout']")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("all=1"));

        await page.GetByRole(AriaRole.Tab, new() { Name = "Metrics" }).ClickAsync();
        await Expect(page.Locator(".overlay-card[data-metric='training.loss'] canvas")).ToHaveCountAsync(1);
        await Expect(page.Locator(".overlay-card .u-legend")).ToContainTextAsync($"#{_board.After}");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Output" }).ClickAsync();
        await Expect(page.Locator(".output-diffs .diff-del")).ToHaveTextAsync(new Regex("test accuracy 0.91$"));
        await Expect(page.Locator(".output-diffs .diff-add")).ToHaveTextAsync(new Regex("test accuracy 0.93$"));
        await ChromiumBrowser.Screenshot(page, "compare-output");
        await page.Context.CloseAsync();
    }
}
