using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Sacred.Board;

namespace Sacred.BoardBench;

/// <summary>
/// The charts at scale (a store from <see cref="ChartStoreGenerator"/>): server time (Server-Timing) for the 10 M-point
/// series, a zoomed range and 200 runs overlaid; in Chromium, through the page's performance marks, the time to the
/// drawn chart, each zoom's re-fetch + redraw, and the 200-run overlay's time to drawn and its longest task.
/// </summary>
internal static class ChartTimings
{
    public static async Task Measure(string directory, int rounds, int coldReads, bool inChromium)
    {
        Console.WriteLine($"CPU: {Cpu()}, {Environment.ProcessorCount} cores; load average at start: {Load()}");

        // Each board started here has its own store reader, so its first read of the series finds no summary cached:
        // what a user meets after starting the board (the store file itself stays in the OS page cache).
        var cold = new List<double>();
        for (var i = 0; i < coldReads; i++)
        {
            await using var fresh = await BoardServer.StartAsync(new BoardOptions { StoreDirectory = directory, Port = 0, ReadOnly = true });
            using var client = new HttpClient { BaseAddress = fresh.Url };
            using var first = await client.GetAsync("/api/runs/1/metrics?name=loss&points=1000");
            first.EnsureSuccessStatusCode();
            var timing = first.Headers.GetValues("Server-Timing").First();
            cold.Add(double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture));
        }

        var order = cold.ToList();
        cold.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"First read of the 10 M-point series by a newly started board (no summary cached), {coldReads} boards: median {cold[cold.Count / 2]:F1} ms (in order: {string.Join(", ", order.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))}) server time; load {Load()}"));

        await using var server = await BoardServer.StartAsync(new BoardOptions { StoreDirectory = directory, Port = 0, ReadOnly = true });
        using var http = new HttpClient { BaseAddress = server.Url };
        Console.WriteLine("| request | server median (ms) | p95 (ms) | points returned | load |");
        Console.WriteLine("|---|---:|---:|---|---|");
        var requests = new (string Name, string Path)[]
        {
            ("10 M-point series to 1,000 points", "/api/runs/1/metrics?name=loss&points=1000"),
            ("zoom: steps 4.5 M..5.5 M of it, 1,000 points", "/api/runs/1/metrics?name=loss&points=1000&from=4500000&to=5500000"),
            ("zoom: steps 5 M..5.01 M (10 k points)", "/api/runs/1/metrics?name=loss&points=1000&from=5000000&to=5010000"),
            ("200 runs x 200 k points, 500 points each (as the page asks), one request", "/api/charts/runs?metric=loss&points=500&limit=200&q=id%20%3E%201"),
        };
        foreach (var (name, path) in requests)
        {
            var times = new List<double>();
            var size = 0L;
            for (var i = 0; i < rounds + 2; i++)
            {
                using var response = await http.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                response.EnsureSuccessStatusCode();
                size = body.Length;
                var timing = response.Headers.GetValues("Server-Timing").First();
                if (i >= 2)
                {
                    times.Add(double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture));
                }
            }

            times.Sort();
            Console.WriteLine($"| {name} | {times[times.Count / 2]:F1} | {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:F1} | {size / 1024:N0} KiB JSON | {Load()} |");
        }

        if (!inChromium)
        {
            return;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        const string LongTasks = "window.__longest = 0; new PerformanceObserver(l => l.getEntries().forEach(e => window.__longest = Math.max(window.__longest, e.duration))).observe({ type: 'longtask', buffered: true });";

        var drawn = new List<double>();
        var zooms = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            await context.AddInitScriptAsync(LongTasks);
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.Url, "/runs/1").ToString());
            await page.WaitForFunctionAsync("() => performance.getEntriesByName('sacred:chart-drawn').length > 0");
            drawn.Add(await page.EvaluateAsync<double>("() => performance.getEntriesByName('sacred:chart-drawn')[0].startTime"));
            var plot = page.Locator(".chart-card .u-over").First;
            for (var z = 0; z < 3; z++)
            {
                var box = (await plot.BoundingBoxAsync())!;
                var before = await page.EvaluateAsync<int>("() => performance.getEntriesByName('sacred:chart-drawn').length");
                await page.Mouse.MoveAsync(box.X + (box.Width * 0.3f), box.Y + (box.Height / 2));
                await page.Mouse.DownAsync();
                await page.Mouse.MoveAsync(box.X + (box.Width * 0.6f), box.Y + (box.Height / 2), new() { Steps = 4 });
                await page.Mouse.UpAsync();
                await page.WaitForFunctionAsync($"() => performance.getEntriesByName('sacred:chart-drawn').length > {before} && performance.getEntriesByName('sacred:zoom-start').length > {z}");
                await page.WaitForFunctionAsync($"() => {{ const s = performance.getEntriesByName('sacred:zoom-start')[{z}].startTime; return performance.getEntriesByName('sacred:chart-drawn').some(d => d.startTime > s + 0.01 && performance.getEntriesByName('sacred:series-received').some(r => r.startTime > s && r.startTime <= d.startTime)); }}");
                zooms.Add(await page.EvaluateAsync<double>($"() => {{ const s = performance.getEntriesByName('sacred:zoom-start')[{z}].startTime; const r = performance.getEntriesByName('sacred:series-received').find(r => r.startTime > s); return performance.getEntriesByName('sacred:chart-drawn').find(d => d.startTime >= r.startTime).startTime - s; }}"));
            }
        }

        drawn.Sort();
        zooms.Sort();
        Console.WriteLine();
        Console.WriteLine($"Chromium, 10 M-point run page: navigation to drawn chart median {drawn[drawn.Count / 2]:F0} ms (min {drawn[0]:F0}, max {drawn[^1]:F0}); zoom (drag -> re-fetch -> redrawn) median {zooms[zooms.Count / 2]:F0} ms (min {zooms[0]:F0}, max {zooms[^1]:F0}, {zooms.Count} zooms); load {Load()}");

        var many = new List<(double Drawn, double Longest)>();
        for (var i = 0; i < 3; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            await context.AddInitScriptAsync(LongTasks);
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(server.Url, "/charts?q=id%20%3E%201&metric=loss&legend=config.optimizer").ToString());
            await page.WaitForFunctionAsync("() => performance.getEntriesByName('sacred:many-drawn').some(m => m.detail && m.detail.lines === 200)", null, new() { Timeout = 120_000 });
            await page.WaitForTimeoutAsync(500);
            var t = await page.EvaluateAsync<double>("() => performance.getEntriesByName('sacred:many-drawn').find(m => m.detail.lines === 200).startTime");
            var longest = await page.EvaluateAsync<double>("() => window.__longest");
            many.Add((t, longest));
        }

        Console.WriteLine($"Chromium, 200 runs x 200 k points overlaid: navigation to drawn {string.Join(" / ", many.Select(m => m.Drawn.ToString("F0", CultureInfo.InvariantCulture)))} ms; longest task {string.Join(" / ", many.Select(m => m.Longest.ToString("F0", CultureInfo.InvariantCulture)))} ms; load {Load()}");
    }

    private static string Load() => System.IO.File.Exists("/proc/loadavg") ? string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

    private static string Cpu() => System.IO.File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
}
