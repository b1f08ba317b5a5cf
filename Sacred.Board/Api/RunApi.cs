using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sacred.Storage;
using Sacred.Storage.Reading;
using Sacred.Storage.Writing;

namespace Sacred.Board.Api;

/// <summary>
/// One run: <c>GET /api/runs/{id}</c> (the record), <c>/output?offset=&amp;limit=</c> or <c>?tail=LINES</c>,
/// <c>/output/search?text=</c>, <c>/sources?path=</c> (looked up among the run's recorded sources by path, never a
/// file path). Its metrics are served by <see cref="ChartsApi"/>.
/// </summary>
internal static class RunApi
{
    private const int MaxOutputPage = 1 << 20;

    public static void Map(IEndpointRouteBuilder app, BoardState state)
    {
        app.MapGet("/api/runs/{id:long}", (long id) => Detail(id, state));
        app.MapGet("/api/runs/{id:long}/output", (long id, HttpContext context) => Output(id, context, state));
        app.MapGet("/api/runs/{id:long}/output/search", (long id, HttpContext context) => SearchOutput(id, context, state));
        app.MapGet("/api/runs/{id:long}/sources", (long id, HttpContext context) => Source(id, context, state));
    }

    private static IResult Detail(long id, BoardState state)
    {
        var detail = state.Store.GetRun(id);
        var annotations = state.Store.GetAnnotations(id);
        if (detail is null || annotations is null)
        {
            return ApiResults.NoRun(id);
        }

        var row = RunRows.ToDto(new RunRow(detail.Summary, annotations.Tags, annotations.Notes, []));
        var experiment = detail.Experiment;
        var sources = new List<SourceDto>();
        foreach (var source in experiment.Sources)
        {
            sources.Add(new SourceDto(source.Path, source.Md5));
        }

        var dependencies = new List<DependencyDto>();
        foreach (var dependency in experiment.Dependencies)
        {
            dependencies.Add(new DependencyDto(dependency.Name, dependency.Version));
        }

        var repositories = new List<RepositoryDto>();
        foreach (var repository in experiment.Repositories)
        {
            repositories.Add(new RepositoryDto(repository.Url, repository.Commit, repository.Dirty));
        }

        var artifacts = new List<ArtifactDto>();
        foreach (var artifact in detail.Artifacts)
        {
            artifacts.Add(new ArtifactDto(artifact.Name, artifact.Size, artifact.ContentType, ArtifactPreview.Kind(artifact.Name, artifact.ContentType), artifact.Added, artifact.Hash));
        }

        var resources = new List<ResourceDto>();
        foreach (var resource in detail.Resources)
        {
            resources.Add(new ResourceDto(resource.Path, resource.Md5));
        }

        var metrics = new List<MetricSummaryDto>();
        foreach (var metric in detail.Metrics)
        {
            metrics.Add(new MetricSummaryDto(
                metric.Name, metric.Count, metric.Min, metric.MinStep, metric.Max, metric.MaxStep,
                double.IsNaN(metric.Last) ? null : metric.Last, metric.LastStep, metric.Mean, metric.FirstTime, metric.LastTime));
        }

        var host = detail.Host;
        var meta = detail.Meta;
        return ApiResults.Json(
            new RunDetailDto(
                row,
                detail.Config,
                detail.Modifications.Modified,
                detail.Modifications.Added,
                detail.Modifications.TypeChanged,
                new MetaDto(meta.Command, meta.Options, meta.Comment, meta.NamedConfigs, meta.ConfigUpdates, meta.Priority),
                new HostDto(host.Hostname, host.Os, host.Cpu, host.Gpus, host.DotnetVersion, host.Environment, host.Extra),
                new ExperimentDto(experiment.Name, experiment.BaseDirectory, experiment.MainFile, sources, dependencies, repositories),
                detail.Info,
                detail.FailTrace,
                artifacts,
                resources,
                metrics,
                detail.OutputChars,
                detail.ProcessId,
                annotations.NotesUpdated),
            BoardJsonContext.Default.RunDetailDto);
    }

    private static IResult Output(long id, HttpContext context, BoardState state)
    {
        var request = context.Request;
        OutputPage? page;
        if (request.Query.ContainsKey("tail"))
        {
            if (!ApiResults.TryInteger(request, "tail", 500, 1, 100_000, out var lines, out var error))
            {
                return error!;
            }

            page = state.Store.ReadOutputTail(id, (int)lines);
        }
        else
        {
            if (!ApiResults.TryInteger(request, "offset", 0, 0, long.MaxValue, out var offset, out var error)
                || !ApiResults.TryInteger(request, "limit", 65_536, 1, MaxOutputPage, out var limit, out error))
            {
                return error!;
            }

            page = state.Store.ReadOutput(id, offset, (int)limit);
        }

        if (page is null)
        {
            return ApiResults.NoRun(id);
        }

        var status = state.Store.GetRun(id)?.Summary.Status ?? "";
        return ApiResults.Json(new OutputPageDto(page.Offset, page.Text, page.TotalChars, page.IsEnd, status), BoardJsonContext.Default.OutputPageDto);
    }

    private static IResult SearchOutput(long id, HttpContext context, BoardState state)
    {
        var text = context.Request.Query["text"].ToString();
        if (text.Length is 0 or > 1000)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "Give the text to find (1 to 1,000 chars) as ?text=.", "text");
        }

        if (state.Store.FindRun(id.ToString(System.Globalization.CultureInfo.InvariantCulture)) is null)
        {
            return ApiResults.NoRun(id);
        }

        const int max = 1000;
        var matches = state.Store.SearchOutput(id, text, max + 1);
        var dtos = new List<OutputMatchDto>(Math.Min(matches.Count, max));
        for (var i = 0; i < matches.Count && i < max; i++)
        {
            dtos.Add(new OutputMatchDto(matches[i].Offset, matches[i].Line, matches[i].Text));
        }

        return ApiResults.Json(new OutputMatchesDto(dtos, matches.Count > max), BoardJsonContext.Default.OutputMatchesDto);
    }

    private static IResult Source(long id, HttpContext context, BoardState state)
    {
        var path = context.Request.Query["path"].ToString();
        var detail = state.Store.GetRun(id);
        if (detail is null)
        {
            return ApiResults.NoRun(id);
        }

        foreach (var source in detail.Experiment.Sources)
        {
            if (source.Path == path)
            {
                try
                {
                    return ApiResults.Json(new SourceTextDto(source.Path, source.Md5, state.Store.ReadText(source.Hash)), BoardJsonContext.Default.SourceTextDto);
                }
                catch (FileNotFoundException)
                {
                    return ApiResults.Error(StatusCodes.Status404NotFound, $"The text of {path} is missing from the store's files.");
                }
            }
        }

        return ApiResults.Error(StatusCodes.Status404NotFound, $"Run {id} recorded no source file '{path}'.", "path");
    }
}
