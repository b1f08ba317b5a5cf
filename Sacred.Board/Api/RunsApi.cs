using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sacred.Board.Query;
using Sacred.Configuration;
using Sacred.Storage.Reading;

namespace Sacred.Board.Api;

/// <summary>
/// The runs table: <c>GET /api/runs?q=&amp;sort=&amp;order=asc|desc&amp;offset=&amp;limit=&amp;col=...</c> (a page),
/// <c>GET /api/runs/count?q=</c>, <c>GET /api/catalog</c> and <c>GET /api/catalog/values?field=</c> (autocomplete).
/// The query is parsed here and compiled to SQL by the store; a malformed one is a 400 with its position.
/// </summary>
internal static class RunsApi
{
    public const int MaxLimit = 500;

    public static void Map(IEndpointRouteBuilder app, BoardState state)
    {
        app.MapGet("/api/runs", (HttpContext context) => List(context, state));
        app.MapGet("/api/runs/count", (HttpContext context) => Count(context, state));
        app.MapGet("/api/catalog", () => Catalog(state));
        app.MapGet("/api/catalog/values", (HttpContext context) => Values(context, state));
    }

    private static IResult List(HttpContext context, BoardState state)
    {
        var request = context.Request;
        if (!TryFilter(request, state, out var filter, out var queryContext, out var error)
            || !ApiResults.TryInteger(request, "offset", 0, 0, int.MaxValue, out var offset, out error)
            || !ApiResults.TryInteger(request, "limit", 100, 1, MaxLimit, out var limit, out error))
        {
            return error!;
        }

        RunField sort;
        var columns = new List<RunField>();
        try
        {
            var sortText = request.Query["sort"].ToString();
            sort = sortText.Length == 0 ? RunField.Id : QueryParser.ParseField(sortText, queryContext);
            foreach (var column in request.Query["col"])
            {
                if (!string.IsNullOrEmpty(column))
                {
                    columns.Add(QueryParser.ParseField(column, queryContext));
                }
            }
        }
        catch (QueryException e)
        {
            return ApiResults.QueryError(e.Error, "sort");
        }

        var order = request.Query["order"].ToString();
        if (order is not ("" or "asc" or "desc"))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, $"'{order}' is not valid for order: give asc or desc.", "order");
        }

        try
        {
            var rows = state.Store.Search(new RunSearch
            {
                Filter = filter,
                SortBy = sort,
                Descending = order != "asc",
                Offset = (int)offset,
                Limit = (int)limit,
                Columns = columns,
                DeadAfter = state.Options.DeadAfter,
            });
            var dtos = new List<RunRowDto>(rows.Count);
            foreach (var row in rows)
            {
                dtos.Add(RunRows.ToDto(row));
            }

            var names = new List<string>(columns.Count);
            foreach (var column in columns)
            {
                names.Add(column.Path);
            }

            return ApiResults.Json(new RunPageDto((int)offset, names, dtos), BoardJsonContext.Default.RunPageDto);
        }
        catch (ArgumentException e)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, e.Message, "q");
        }
    }

    private static IResult Count(HttpContext context, BoardState state)
    {
        if (!TryFilter(context.Request, state, out var filter, out _, out var error))
        {
            return error!;
        }

        try
        {
            return ApiResults.Json(new RunCountDto(state.Store.Count(filter, state.Options.DeadAfter)), BoardJsonContext.Default.RunCountDto);
        }
        catch (ArgumentException e)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, e.Message, "q");
        }
    }

    private static IResult Catalog(BoardState state)
    {
        var catalog = state.Catalog().Catalog;
        var attributes = new List<FieldDto>();
        foreach (var attribute in RunAttributes.All)
        {
            attributes.Add(new FieldDto(attribute.Name, TypeName(attribute.Type), attribute.Description));
        }

        var keys = new List<FieldDto>(catalog.ConfigKeys.Count);
        foreach (var key in catalog.ConfigKeys)
        {
            keys.Add(new FieldDto(RunField.ConfigPrefix + key.Key, key.Kind, "config"));
        }

        return ApiResults.Json(
            new CatalogDto(attributes, keys, catalog.Metrics, catalog.Tags, catalog.Experiments, catalog.Hosts, Statuses(catalog.Statuses)),
            BoardJsonContext.Default.CatalogDto);
    }

    private static IResult Values(HttpContext context, BoardState state)
    {
        var fieldText = context.Request.Query["field"].ToString();
        var (catalog, keys, metrics) = state.Catalog();
        RunField field;
        try
        {
            field = QueryParser.ParseField(fieldText, new QueryContext { ConfigKeys = keys, Metrics = metrics });
        }
        catch (QueryException e)
        {
            return ApiResults.QueryError(e.Error, "field");
        }

        IReadOnlyList<string> names = field.IsAttribute
            ? field.Name switch
            {
                "status" => Statuses(catalog.Statuses),
                "tags" => catalog.Tags,
                "experiment" => catalog.Experiments,
                "host" => catalog.Hosts,
                _ => [],
            }
            : [];
        var values = new List<ConfigNode>();
        if (field.IsConfig)
        {
            values.AddRange(state.Store.GetConfigValues(field.Name, 200));
        }

        foreach (var name in names)
        {
            values.Add(ConfigNode.From(name));
        }

        return ApiResults.Json(new ValuesDto(values), BoardJsonContext.Default.ValuesDto);
    }

    /// <summary>Parses the <c>q</c> parameter into a filter for the store, or explains (with its position) what is wrong.</summary>
    internal static bool TryFilter(HttpRequest request, BoardState state, out RunFilter? filter, out QueryContext queryContext, out IResult? error)
    {
        var (_, keys, metrics) = state.Catalog();
        queryContext = new QueryContext { ConfigKeys = keys, Metrics = metrics, UtcNow = DateTime.UtcNow, UtcOffset = ApiResults.UtcOffset(request) };
        error = null;
        filter = null;
        var query = request.Query["q"].ToString();
        if (query.Length > 10_000)
        {
            error = ApiResults.Error(StatusCodes.Status400BadRequest, "The query is longer than 10,000 chars.", "q");
            return false;
        }

        try
        {
            filter = QueryParser.Parse(query, queryContext);
            return true;
        }
        catch (QueryException e)
        {
            error = ApiResults.QueryError(e.Error, "q");
            return false;
        }
    }

    private static List<string> Statuses(IReadOnlyList<string> recorded)
    {
        var statuses = new List<string> { "QUEUED", "RUNNING", "COMPLETED", "FAILED", "INTERRUPTED", "TIMEOUT", "PROBABLY_DEAD" };
        foreach (var status in recorded)
        {
            if (!statuses.Contains(status))
            {
                statuses.Add(status);
            }
        }

        return statuses;
    }

    private static string TypeName(FieldType type) => type switch
    {
        FieldType.Number => "number",
        FieldType.Text => "text",
        FieldType.Time => "time",
        FieldType.Duration => "duration",
        FieldType.Status => "status",
        FieldType.Tags => "tags",
        _ => "config",
    };
}
