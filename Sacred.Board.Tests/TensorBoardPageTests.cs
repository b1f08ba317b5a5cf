using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Sacred.Board.Tests;

/// <summary>The run page's TensorBoard panel in a real Chromium: start and link where installed, the command where not.</summary>
[Collection(BrowserCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TensorBoardPageTests : IDisposable
{
    private readonly ChromiumBrowser _chromium;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-board-tensorboard-page-" + Guid.NewGuid().ToString("N"));
    private readonly string _logDir;
    private readonly long _id;

    public TensorBoardPageTests(ChromiumBrowser chromium)
    {
        _chromium = chromium;
        _logDir = Path.Combine(_root, "runs", "train");
        Directory.CreateDirectory(_logDir);
        Directory.CreateDirectory(Path.Combine(_root, "store"));
        Directory.CreateDirectory(Path.Combine(_root, "bin"));
        Directory.CreateDirectory(Path.Combine(_root, "empty-bin"));
        _id = new RecordedRun { LogDirs = [_logDir] }.RecordInto(Path.Combine(_root, "store"));
        var script = Path.Combine(_root, "bin", "tensorboard");
        File.WriteAllText(script, "#!/bin/sh\nexec sleep 120\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_run_page_lists_the_logdirs_and_starts_TensorBoard_or_shows_the_command()
    {
        await using (var board = await BoardServer.StartAsync(new BoardOptions { StoreDirectory = Path.Combine(_root, "store"), Port = 0, ToolPath = Path.Combine(_root, "bin") }))
        {
            var page = await _chromium.NewPageAsync();
            await page.GotoAsync(new Uri(board.Url, $"/runs/{_id}").ToString());
            var panel = page.GetByLabel("TensorBoard");
            await Expect(panel).ToContainTextAsync(_logDir);
            await panel.GetByRole(AriaRole.Button, new() { Name = "Start TensorBoard" }).ClickAsync();
            await Expect(panel.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex("^http://127\\.0\\.0\\.1:\\d+/$"));
            await ChromiumBrowser.Screenshot(page, "tensorboard-started");
            await page.Context.CloseAsync();
        }

        await using (var board = await BoardServer.StartAsync(new BoardOptions { StoreDirectory = Path.Combine(_root, "store"), Port = 0, ToolPath = Path.Combine(_root, "empty-bin") }))
        {
            var page = await _chromium.NewPageAsync();
            await page.GotoAsync(new Uri(board.Url, $"/runs/{_id}").ToString());
            var panel = page.GetByLabel("TensorBoard");
            await Expect(panel).ToContainTextAsync("tensorboard is not installed here");
            await Expect(panel.Locator(".tensorboard-command")).ToHaveTextAsync($"tensorboard --logdir {_logDir} --host 127.0.0.1 --port 6006");
            await Expect(panel.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            await page.Context.CloseAsync();
        }
    }
}
