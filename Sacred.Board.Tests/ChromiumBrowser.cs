using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>Debian's Chromium, driven by Playwright (never a downloaded browser); one per browser test collection.</summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run build/install-chromium.sh (build/test.sh does) to install Debian's Chromium.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>A fresh page (own cookies) of 1440×900, with a trap that records any script a stored string manages to run.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, AcceptDownloads = true });
        await context.AddInitScriptAsync($$"""
            window.__sacredRan = [];
            Object.defineProperty(window, '{{BoardStore.HostileMarker}}', { configurable: false, get() { return undefined; }, set(v) { window.__sacredRan.push(String(v)); } });
            window.alert = window.confirm = window.prompt = (m) => window.__sacredRan.push('dialog:' + m);
            """);
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => _ = dialog.DismissAsync();
        return page;
    }

    /// <summary>Saves a screenshot under TestResults/screenshots at the repository root.</summary>
    public static async Task Screenshot(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Sacred.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? Path.GetTempPath();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumBrowser>
{
    public const string Name = "Chromium";
}
