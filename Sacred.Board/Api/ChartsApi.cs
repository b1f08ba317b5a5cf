using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sacred.Board.Query;
using Sacred.Configuration;
using Sacred.Storage.Reading;

namespace Sacred.Board.Api;

/// <summary>
/// The charts: <c>GET /api/runs/{id}/metrics?name=&amp;points=&amp;from=&amp;to=</c> (one metric downsampled on the
/// server within a step range, spikes and bucket bands kept), <c>/api/runs/{id}/metrics/export?name=</c> (every
/// point as CSV, streamed), <c>GET /api/charts/runs?q=&amp;metric=&amp;key=...&amp;points=&amp;limit=&amp;from=&amp;to=</c>
/// (one metric over the filtered runs, one request, each run downsampled within the step range when zoomed) and
/// <c>GET /api/charts/table?q=&amp;field=...&amp;limit=</c> (config values and metric summaries per filtered run).
/// Filters go through the query compiler to SQL, never in memory.
/// </summary>
internal static class ChartsApi
{
    /// <summary>The most runs one many-runs chart draws.</summary>
    public const int MaxRuns = 500;

    /// <summary>The most runs a parallel-coordinates or scatter table holds (the store's page limit).</summary>
    public const int MaxTableRows = 1000;

    public static void Map(IEndpointRouteBuilder app, BoardState state)
    {
        app.MapGet("/api/runs/{id:long}/metrics", (long id, HttpContext context) => Metric(id, context, state));
        app.MapGet("/api/runs/{id:long}/metrics/export", (long id, HttpContext context) => Export(id, context, state));
        app.MapGet("/api/charts/runs", (HttpContext context) => Runs(context, state));
        app.MapGet("/api/charts/table", (HttpContext context) => Table(context, state));
    }

    private static IResult Metric(long id, HttpContext context, BoardState state)
    {
        var request = context.Request;
        var name = request.Query["name"].ToString();
        if (!ApiResults.TryInteger(request, "points", 400, 2, 100_000, out var points, out var error)
            || !TryStepRange(request, out var from, out var to, out error))
        {
            return error!;
        }

        var series = state.Store.GetMetric(id, name, (int)points, from, to);
        return series is null
            ? ApiResults.Error(StatusCodes.Status404NotFound, $"Run {id} has no metric '{name}'.", "name")
            : ApiResults.Json(ToDto(series, from, to), BoardJsonContext.Default.ChartSeriesDto);
    }

    private static async Task Export(long id, HttpContext context, BoardState state)
    {
        var name = context.Request.Query["name"].ToString();
        var blocks = state.Store.ReadMetric(id, name);
        if (blocks is null)
        {
            await ApiResults.Error(StatusCodes.Status404NotFound, $"Run {id} has no metric '{name}'.", "name").ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/csv; charset=utf-8";
        var file = $"run-{id.ToString(CultureInfo.InvariantCulture)}-{SafeFileName(name)}.csv";
        response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        var text = new StringBuilder(1 << 20);
        text.Append("step,value,time\n");
        foreach (var block in blocks)
        {
            for (var i = 0; i < block.Steps.Length; i++)
            {
                text.Append(block.Steps[i].ToString(CultureInfo.InvariantCulture)).Append(',')
                    .Append(block.Values[i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                    .Append(DateTimeOffset.FromUnixTimeMilliseconds(block.TimestampsMs[i]).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))
                    .Append('\n');
            }

            await response.WriteAsync(text.ToString(), context.RequestAborted);
            text.Clear();
        }
    }

    private static IResult Runs(HttpContext context, BoardState state)
    {
        var request = context.Request;
        var metric = request.Query["metric"].ToString();
        if (metric.Length == 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the metric to draw as ?metric=NAME.", "metric");
        }

        if (!RunsApi.TryFilter(request, state, out var filter, out var queryContext, out var error)
            || !ApiResults.TryInteger(request, "points", 400, 2, 10_000, out var points, out error)
            || !ApiResults.TryInteger(request, "limit", 200, 1, MaxRuns, out var limit, out error)
            || !TryFields(request, "key", queryContext, out var keys, out error)
            || !TryStepRange(request, out var from, out var to, out error))
        {
            return error!;
        }

        IReadOnlyList<RunRow> rows;
        long total;
        try
        {
            rows = state.Store.Search(new RunSearch { Filter = filter, Limit = (int)limit, Columns = keys, DeadAfter = state.Options.DeadAfter });
            total = state.Store.Count(filter, state.Options.DeadAfter);
        }
        catch (ArgumentException e)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, e.Message, "q");
        }

        var runs = new ChartRunDto[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var row = rows[i];
            var series = state.Store.GetMetric(row.Summary.Id, metric, (int)points, from, to);
            runs[i] = new ChartRunDto(row.Summary.Id, row.Summary.Experiment, row.Summary.Status, row.Values, series is null ? null : ToDto(series, from, to));
        });
        return ApiResults.Json(new ChartRunsDto(metric, total, Paths(keys), runs), BoardJsonContext.Default.ChartRunsDto);
    }

    private static IResult Table(HttpContext context, BoardState state)
    {
        var request = context.Request;
        if (!RunsApi.TryFilter(request, state, out var filter, out var queryContext, out var error)
            || !ApiResults.TryInteger(request, "limit", MaxTableRows, 1, MaxTableRows, out var limit, out error)
            || !TryFields(request, "field", queryContext, out var fields, out error))
        {
            return error!;
        }

        if (fields.Count == 0)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "Give at least one field=config.KEY or field=metrics.NAME.SUMMARY.", "field");
        }

        try
        {
            var rows = state.Store.Search(new RunSearch { Filter = filter, Limit = (int)limit, Columns = fields, DeadAfter = state.Options.DeadAfter });
            var total = state.Store.Count(filter, state.Options.DeadAfter);
            var dtos = new List<ChartTableRowDto>(rows.Count);
            foreach (var row in rows)
            {
                dtos.Add(new ChartTableRowDto(row.Summary.Id, row.Summary.Experiment, row.Values));
            }

            return ApiResults.Json(new ChartTableDto(total, Paths(fields), dtos), BoardJsonContext.Default.ChartTableDto);
        }
        catch (ArgumentException e)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, e.Message, "q");
        }
    }

    private static ChartSeriesDto ToDto(MetricSeries series, long? from, long? to)
    {
        var count = series.Points.Count;
        var steps = new long[count];
        var values = new double?[count];
        var times = new long[count];
        for (var i = 0; i < count; i++)
        {
            var point = series.Points[i];
            steps[i] = point.Step;
            values[i] = Finite(point.Value);
            times[i] = new DateTimeOffset(point.Time).ToUnixTimeMilliseconds();
        }

        double?[]? lo = null, hi = null;
        if (series.Bands.Count == count && count > 0)
        {
            lo = new double?[count];
            hi = new double?[count];
            for (var i = 0; i < count; i++)
            {
                lo[i] = Finite(series.Bands[i].Min);
                hi[i] = Finite(series.Bands[i].Max);
            }
        }

        return new ChartSeriesDto(series.Name, series.TotalCount, series.RangeCount, from, to, series.Downsampled, steps, values, times, lo, hi);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>The optional zoom range <c>from</c>..<c>to</c> (steps, inclusive); an empty range is a 400.</summary>
    private static bool TryStepRange(HttpRequest request, out long? from, out long? to, out IResult? error)
    {
        to = null;
        if (!TryStep(request, "from", out from, out error) || !TryStep(request, "to", out to, out error))
        {
            return false;
        }

        if (from > to)
        {
            error = ApiResults.Error(StatusCodes.Status400BadRequest, $"The step range {from}..{to} is empty: give from <= to.", "from");
            return false;
        }

        return true;
    }

    private static bool TryStep(HttpRequest request, string name, out long? step, out IResult? error)
    {
        step = null;
        error = null;
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        // A zoom box has fractional edges; the steps inside are the whole numbers between them.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) && Math.Abs(number) < 9e18)
        {
            step = (long)(name == "from" ? Math.Ceiling(number) : Math.Floor(number));
            return true;
        }

        error = ApiResults.Error(StatusCodes.Status400BadRequest, $"'{text}' is not valid for {name}: give a step number (e.g. {name}=1000).", name);
        return false;
    }

    private static bool TryFields(HttpRequest request, string parameter, QueryContext queryContext, out List<RunField> fields, out IResult? error)
    {
        fields = [];
        error = null;
        foreach (var text in request.Query[parameter])
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            try
            {
                fields.Add(QueryParser.ParseField(text, queryContext));
            }
            catch (QueryException e)
            {
                error = ApiResults.QueryError(e.Error, parameter);
                return false;
            }
        }

        if (fields.Count > 50)
        {
            error = ApiResults.Error(StatusCodes.Status400BadRequest, $"{fields.Count} {parameter}s given; give at most 50.", parameter);
            return false;
        }

        return true;
    }

    private static List<string> Paths(List<RunField> fields)
    {
        var paths = new List<string>(fields.Count);
        foreach (var field in fields)
        {
            paths.Add(field.Path);
        }

        return paths;
    }

    private static string SafeFileName(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return safe.ToString();
    }
}
