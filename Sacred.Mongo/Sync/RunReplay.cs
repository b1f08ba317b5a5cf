using System;
using System.Collections.Generic;
using Sacred.Generated;
using Sacred.Metrics;
using Sacred.Mongo.Recording;
using Sacred.Recording;
using Sacred.Storage.Reading;

namespace Sacred.Mongo.Sync;

/// <summary>
/// Replays a run of the embedded store as the events it recorded (start, heartbeats with all output and every
/// metric point, artifacts, resources, end) into a <see cref="MongoRunSession"/>, so an uploaded run's documents
/// are the ones a live <c>-m</c> run writes.
/// </summary>
internal static class RunReplay
{
    private const int OutputPageChars = 1 << 20;

    /// <summary>True when the run has ended (or is probably dead): nothing more will be recorded by its process.</summary>
    public static bool IsSettled(RunSummary run) =>
        run.Status is not (RunStatus.Running or RunStatus.Queued);

    /// <summary>Replays the run.</summary>
    /// <param name="store">The store.</param>
    /// <param name="detail">The run.</param>
    /// <param name="session">Where to record it.</param>
    /// <param name="replacing">The <c>_id</c> of a partial upload being replaced, or null for a new id.</param>
    /// <param name="inserted">Called with the run's <c>_id</c> once its document is inserted.</param>
    public static void Replay(RunStore store, RunDetail detail, MongoRunSession session, MongoDB.Bson.BsonValue? replacing, Action<MongoDB.Bson.BsonValue> inserted)
    {
        var summary = detail.Summary;
        var start = StartedEvent(store, detail);
        inserted(session.Start(start, queued: false, replacing ?? MongoRunSession.GivenId(start)));

        var beatTime = summary.Heartbeat ?? summary.StopTime ?? summary.StartTime ?? DateTime.UtcNow;
        var metrics = new List<MetricBatch>();
        foreach (var metric in detail.Metrics)
        {
            var series = store.GetMetric(summary.Id, metric.Name, (int)Math.Clamp(metric.Count, 2, int.MaxValue));
            if (series is null)
            {
                continue;
            }

            var steps = new long[series.Points.Count];
            var values = new double[series.Points.Count];
            var times = new long[series.Points.Count];
            for (var i = 0; i < steps.Length; i++)
            {
                steps[i] = series.Points[i].Step;
                values[i] = series.Points[i].Value;
                times[i] = new DateTimeOffset(DateTime.SpecifyKind(series.Points[i].Time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
            }

            metrics.Add(new MetricBatch(metric.Name, steps, values, times));
        }

        long offset = 0;
        while (true)
        {
            var page = store.ReadOutput(summary.Id, offset, OutputPageChars);
            var text = page?.Text ?? "";
            var last = page is null || page.IsEnd || text.Length == 0;
            session.Heartbeat(new HeartbeatEvent(beatTime, detail.Info, summary.Result, text, metrics, IsFinal: last));
            metrics = [];
            if (last)
            {
                break;
            }

            offset = page!.NextOffset;
        }

        foreach (var artifact in detail.Artifacts)
        {
            using var content = store.OpenFile(artifact.Hash);
            session.Artifact(new ArtifactEvent(artifact.Name, artifact.Name, artifact.ContentType, artifact.Metadata), content);
        }

        foreach (var resource in detail.Resources)
        {
            session.Resource(new ResourceEvent(resource.Path, resource.Md5));
        }

        if (summary.StopTime is { } stop)
        {
            session.End(new RunEndedEvent(stop, summary.Status, summary.Result, detail.FailTrace));
        }
    }

    private static RunStartedEvent StartedEvent(RunStore store, RunDetail detail)
    {
        var stored = detail.Experiment;
        var sources = new List<SourceFileInfo>();
        foreach (var source in stored.Sources)
        {
            sources.Add(new SourceFileInfo(source.Path, source.Md5, store.ReadText(source.Hash)));
        }

        var experiment = new ExperimentInfo(stored.Name, stored.BaseDirectory, stored.MainFile, sources, stored.Dependencies, stored.Repositories);
        var summary = detail.Summary;
        return new RunStartedEvent(
            null,
            summary.Command,
            experiment,
            detail.Host,
            summary.StartTime ?? summary.QueueTime ?? DateTime.UtcNow,
            detail.Config,
            detail.Modifications,
            detail.Meta,
            unchecked((int)summary.Seed));
    }
}
