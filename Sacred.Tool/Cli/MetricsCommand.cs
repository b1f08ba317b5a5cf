using System.Globalization;
using System.IO;
using Sacred.Formatting;
using Sacred.Storage;
using Sacred.Storage.Reading;
using Sacred.Tool.Output;
using Spectre.Console;

namespace Sacred.Tool.Cli;

/// <summary><c>sacred metrics ID NAME</c>: one series, downsampled on the server side keeping each bucket's min and max.</summary>
internal static class MetricsCommand
{
    public static int Run(ToolArguments options, IAnsiConsole console, TextWriter stdout)
    {
        using var store = RunStore.Open(options.Store);
        var run = RunLookup.Get(store, options.Positionals[0]);
        var name = options.Positionals[1];
        var points = options.Integer(ToolOptions.Points, 50, 2);
        var series = store.GetMetric(run.Summary.Id, name, points)
            ?? throw new StoreException($"run {options.Positionals[0]} has no metric '{name}'{Suggestions.DidYouMean(name, System.Linq.Enumerable.Select(run.Metrics, m => m.Name))}");
        if (options.Json)
        {
            ToolJsonContext.Write(stdout, MetricSeriesJson.From(series), ToolJsonContext.Default.MetricSeriesJson);
            return 0;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumn("step").AddColumn("value").AddColumn("time (UTC)");
        foreach (var p in series.Points)
        {
            table.AddRow(p.Step.ToString(CultureInfo.InvariantCulture), Format.Number(p.Value), p.Time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.WriteLine(series.Downsampled
            ? $"{series.Points.Count} of {series.TotalCount:N0} points (min and max of each bucket kept)"
            : $"{series.TotalCount:N0} points");
        return 0;
    }
}
