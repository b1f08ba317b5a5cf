using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Sacred.Board.Tests;

/// <summary>The board in a real Chromium, used as a person would: query, sort, open a run, tag it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BoardPageTests : IClassFixture<BoardHost>
{
    private readonly BoardHost _board;
    private readonly ChromiumBrowser _chromium;

    public BoardPageTests(BoardHost board, ChromiumBrowser chromium)
    {
        _board = board;
        _chromium = chromium;
    }

    private static ILocator Rows(IPage page) => page.Locator(".row[data-run]");

    [Fact]
    public async Task The_table_filters_with_an_OR_query_and_sorts_by_a_metric_summary()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_board.Server.Url.ToString());
        await Expect(Rows(page)).ToHaveCountAsync(_board.Store.Ids.Count);
        await Expect(page.Locator(".count")).ToHaveTextAsync("7 runs");
        await ChromiumBrowser.Screenshot(page, "runs-table");

        await page.GetByLabel("query").FillAsync("experiment = cifar OR config.optimizer = sgd");
        await page.GetByLabel("query").PressAsync("Enter");
        await Expect(Rows(page)).ToHaveCountAsync(3);
        await Expect(page.Locator(".count")).ToContainTextAsync("3 runs");

        await page.GetByRole(AriaRole.Button, new() { Name = "Columns" }).ClickAsync();
        await page.GetByLabel("search columns").FillAsync("training.loss.min");
        await page.Locator(".check-row", new() { HasText = "metrics.training.loss.min" }).Locator("input").CheckAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Button, new() { Name = "Columns" }).ClickAsync();
        var header = page.Locator(".head-cell[data-column='metrics.training.loss.min']");
        await header.ClickAsync();
        await Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
        await header.ClickAsync();
        await Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(page).ToHaveURLAsync(new Regex("sort=metrics.training.loss.min.*order=asc"));

        var column = await page.Locator(".head-cell").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.column)");
        var index = System.Array.IndexOf(column, "metrics.training.loss.min");
        var values = await Rows(page).EvaluateAllAsync<string[]>($"rows => rows.sort((a, b) => a.offsetTop - b.offsetTop).map(r => r.querySelectorAll('.cell')[{index + 1}].textContent)");
        var numbers = values.Select(double.Parse).ToArray();
        Assert.Equal(3, numbers.Length);
        Assert.Equal(numbers.Order(), numbers);
        await page.Locator(".table-scroll").EvaluateAsync("table => table.scrollLeft = 0");
        await ChromiumBrowser.Screenshot(page, "runs-or-query-sorted-by-metric");

        await page.ReloadAsync();
        await Expect(Rows(page)).ToHaveCountAsync(3);
        await Expect(page.GetByLabel("query")).ToHaveValueAsync("experiment = cifar OR config.optimizer = sgd");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_malformed_query_shows_where_it_went_wrong_and_what_is_valid()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_board.Server.Url.ToString());
        await page.GetByLabel("query").FillAsync("status = FAILED AND duraton > 2h");
        await page.GetByLabel("query").PressAsync("Enter");
        var error = page.GetByRole(AriaRole.Alert);
        await Expect(error).ToContainTextAsync("Unknown field 'duraton'; did you mean duration?");
        await Expect(error.Locator("mark")).ToHaveTextAsync("duraton");
        await Expect(page.Locator(".count")).ToHaveTextAsync("The query was not run: fix it above");
        await Expect(page.Locator(".empty")).ToHaveTextAsync("No runs shown until the query is fixed.");
        await ChromiumBrowser.Screenshot(page, "runs-query-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Autocomplete_offers_the_stores_config_keys_and_values()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_board.Server.Url.ToString());
        var query = page.GetByLabel("query");
        await query.ClickAsync();
        await query.PressSequentiallyAsync("config.model.he");
        await Expect(page.GetByRole(AriaRole.Option).First).ToContainTextAsync("config.model.head.activation");
        await query.PressAsync("Tab");
        await query.PressSequentiallyAsync("= ");
        await Expect(page.GetByRole(AriaRole.Option).First).ToContainTextAsync("relu");
        await ChromiumBrowser.Screenshot(page, "runs-autocomplete");
        await query.PressAsync("Tab");
        await Expect(query).ToHaveValueAsync("config.model.head.activation = relu ");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_form_builder_writes_the_same_query_language()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_board.Server.Url.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Builder" }).ClickAsync();
        await page.GetByLabel("field").FillAsync("host");
        await page.GetByLabel("value").FillAsync("gpu-box-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Write query" }).ClickAsync();
        await Expect(page.GetByLabel("query")).ToHaveValueAsync("host = gpu-box-2");
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_run_shows_its_output_with_colours_and_its_sources()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_board.Server.Url.ToString());
        await page.Locator($".row[data-run='{_board.Id("baseline")}']").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("mnist");
        await Expect(page.Locator(".chart-card")).ToHaveCountAsync(2);
        await ChromiumBrowser.Screenshot(page, "run-metrics");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Output" }).ClickAsync();
        await Expect(page.Locator("pre.output")).ToContainTextAsync("epoch 3 loss 0.41");
        await Expect(page.Locator("pre.output .fg-2")).ToHaveTextAsync("epoch 2 loss 0.80 OK");
        await ChromiumBrowser.Screenshot(page, "run-output");

        await page.GetByLabel("search output").FillAsync("warning");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page.Locator(".match")).ToContainTextAsync("lr schedule ended");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Sources" }).ClickAsync();
        await Expect(page.Locator(".source-head")).ToContainTextAsync("md5 9e107d9d372bb6826bd81d3542a419d6");
        await Expect(page.Locator(".code")).ToContainTextAsync("public static double Run(double learningRate)");
        await Expect(page.Locator(".code .tok-kw").First).ToHaveTextAsync("using");
        await ChromiumBrowser.Screenshot(page, "run-sources");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Config" }).ClickAsync();
        await Expect(page.Locator(".tree-leaf[data-key='learning_rate'] .mark-modified")).ToBeVisibleAsync();
        await ChromiumBrowser.Screenshot(page, "run-config");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Artifacts" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "predictions.csv" }).ClickAsync();
        await Expect(page.Locator(".csv td").First).ToHaveTextAsync("1");
        await ChromiumBrowser.Screenshot(page, "run-artifacts");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_tag_added_on_the_run_page_is_still_there_after_a_reload()
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(new System.Uri(_board.Server.Url, $"/runs/{_board.Id("sgd")}").ToString());
        await page.GetByLabel("add a tag").FillAsync("keeper");
        await page.GetByLabel("add a tag").PressAsync("Enter");
        await Expect(page.Locator(".tag-editor .tag")).ToHaveTextAsync(["keeper×"]);

        await page.ReloadAsync();
        await Expect(page.Locator(".tag-editor .tag")).ToHaveTextAsync(["keeper×"]);
        await page.GotoAsync(new System.Uri(_board.Server.Url, "/?q=tags%20%3D%20keeper").ToString());
        await Expect(Rows(page)).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
