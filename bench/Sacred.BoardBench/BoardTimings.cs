using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Playwright;
using Sacred.Board;

namespace Sacred.BoardBench;

/// <summary>
/// Serves a store with the real board in-process and measures what a user waits for: the server's time per API
/// request (its Server-Timing header, median and 95th percentile after a warm-up), and in Chromium the time from
/// navigation to the first rows on screen (the page's own <c>board:first-rows</c> performance mark).
/// </summary>
internal static class BoardTimings
{
    private const string Filter = "config.optimizer.name = adam AND config.learning_rate < 0.01 OR metrics.validation.accuracy.max > 0.93";

    public static async Task Measure(string directory, int rounds, bool browser)
    {
        await using var server = await BoardServer.StartAsync(new BoardOptions { StoreDirectory = directory, Port = 0, ReadOnly = true });
        using var http = new HttpClient { BaseAddress = server.Url };
        var q = Uri.EscapeDataString(Filter);
        var longRuns = Uri.EscapeDataString("duration > 2h");
        var contains = Uri.EscapeDataString("config.optimizer.name contains ada");
        var columns = "&col=config.learning_rate&col=config.optimizer.name&col=metrics.validation.accuracy.max&col=metrics.validation.loss.min";
        var requests = new (string Name, string Path)[]
        {
            ("count, all runs", "/api/runs/count"),
            ("first page (100 rows, newest first)", "/api/runs?limit=100"),
            ("first page with 2 config + 2 metric columns", "/api/runs?limit=100" + columns),
            ("filtered (OR over config and a metric) and sorted by a metric summary", $"/api/runs?q={q}&sort=metrics.validation.loss.min&order=asc&limit=100{columns}"),
            ("count of that filter", $"/api/runs/count?q={q}"),
            ("that filter sorted by a config key (`config.learning_rate`)", $"/api/runs?q={q}&sort=config.learning_rate&order=desc&limit=100{columns}"),
            ("sorted by a config key, all runs", "/api/runs?sort=config.learning_rate&order=asc&limit=100" + columns),
            ("page 500 (offset 50,000) of that sort", "/api/runs?sort=config.learning_rate&order=asc&limit=100&offset=50000" + columns),
            ("`duration > 2h`, newest first", $"/api/runs?q={longRuns}&limit=100{columns}"),
            ("`duration > 2h` sorted by `metrics.validation.loss.min`", $"/api/runs?q={longRuns}&sort=metrics.validation.loss.min&order=asc&limit=100{columns}"),
            ("count of `duration > 2h`", $"/api/runs/count?q={longRuns}"),
            ("`config.optimizer.name contains ada`, sorted by `config.learning_rate`", $"/api/runs?q={contains}&sort=config.learning_rate&order=asc&limit=100{columns}"),
            ("count of `config.optimizer.name contains ada`", $"/api/runs/count?q={contains}"),
            ("tag filter: tags = best", "/api/runs?q=tags%20%3D%20best&limit=100"),
            ("catalog (autocomplete keys)", "/api/catalog"),
        };

        Console.WriteLine($"Store: {directory}; {rounds} rounds after 2 warm-ups; server time from Server-Timing.");
        Console.WriteLine($"CPU: {CpuModel()}, {Environment.ProcessorCount} cores; load average at start: {LoadAverage()}; server GC: {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine();
        Console.WriteLine("| request | server median (ms) | server p95 (ms) | max (ms) | round trip median (ms) | rows/count | GCs (gen0/1/2) | load |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var (name, path) in requests)
        {
            var server_ = new List<double>();
            var wall = new List<double>();
            var size = "";
            var gc = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            for (var i = 0; i < rounds + 2; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                clock.Stop();
                response.EnsureSuccessStatusCode();
                if (i < 2)
                {
                    size = Size(body);
                    gc = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                    continue;
                }

                var timing = response.Headers.GetValues("Server-Timing").Single();
                server_.Add(double.Parse(timing[(timing.IndexOf('=') + 1)..], CultureInfo.InvariantCulture));
                wall.Add(clock.Elapsed.TotalMilliseconds);
            }

            var gcs = $"{GC.CollectionCount(0) - gc.Item1}/{GC.CollectionCount(1) - gc.Item2}/{GC.CollectionCount(2) - gc.Item3}";
            Console.WriteLine($"| {name} | {Median(server_):F1} | {Percentile(server_, 0.95):F1} | {server_.Max():F1} | {Median(wall):F1} | {size} | {gcs} | {LoadAverage()} |");
        }

        Console.WriteLine();
        if (browser)
        {
            await MeasureBrowser(server.Url, q, columns);
        }
    }

    private static string Size(string body)
    {
        using var json = System.Text.Json.JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("count", out var count))
        {
            return count.GetInt64().ToString("N0", CultureInfo.InvariantCulture);
        }

        return root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("rows", out var rows)
            ? rows.GetArrayLength().ToString(CultureInfo.InvariantCulture) + " rows"
            : "";
    }

    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

    private static string CpuModel()
    {
        foreach (var line in System.IO.File.Exists("/proc/cpuinfo") ? System.IO.File.ReadLines("/proc/cpuinfo") : [])
        {
            if (line.StartsWith("model name", StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':') + 1)..].Trim();
            }
        }

        return "?";
    }

    private static async Task MeasureBrowser(Uri url, string q, string columns)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var pages = new (string Name, string Path)[]
        {
            ("runs table, default view", "/"),
            ("filtered and sorted by a metric, 4 extra columns", $"/?q={q}&sort=metrics.validation.loss.min&order=asc{columns}"),
        };
        Console.WriteLine("| Chromium page load | first rows median (ms) | min (ms) | max (ms) |");
        Console.WriteLine("|---|---:|---:|---:|");
        var breakdowns = new List<string>();
        foreach (var (name, path) in pages)
        {
            var breakdown = "";
            var times = new List<double>();
            for (var i = 0; i < 7; i++)
            {
                await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
                var page = await context.NewPageAsync();
                await page.GotoAsync(new Uri(url, path).ToString());
                await page.WaitForSelectorAsync(".row[data-run]");
                await page.WaitForFunctionAsync("() => performance.getEntriesByName('board:first-rows').length > 0");
                var ms = await page.EvaluateAsync<double>("() => performance.getEntriesByName('board:first-rows')[0].startTime");
                if (i > 0)
                {
                    times.Add(ms);
                }

                if (i == 6)
                {
                    breakdown = await page.EvaluateAsync<string>("""
                        () => {
                          const t = (n) => Math.round(n);
                          const nav = performance.getEntriesByType('navigation')[0];
                          const parts = [`html ${t(nav.responseEnd)}`, `app start ${t(performance.getEntriesByName('board:start')[0].startTime)}`];
                          for (const r of performance.getEntriesByType('resource'))
                            if (r.name.includes('/api/')) parts.push(`${new URL(r.name).pathname} ${t(r.startTime)}–${t(r.responseEnd)}`);
                          parts.push(`first rows ${t(performance.getEntriesByName('board:first-rows')[0].startTime)}`);
                          return parts.join(', ');
                        }
                        """);
                }
            }

            breakdowns.Add($"{name}: {breakdown}");

            Console.WriteLine($"| {name} | {Median(times):F0} | {times.Min():F0} | {times.Max():F0} |");
        }

        Console.WriteLine();
        foreach (var line in breakdowns)
        {
            Console.WriteLine($"- {line} (ms from navigation start, last load)");
        }
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }
}
