using System;
using System.Collections.Generic;
using Sacred.Generated;

namespace Sacred.Recording;

/// <summary>
/// A run as Sacred's observers keep it: one document, changed by each event and written whole (FileStorage's
/// <c>run.json</c>; MongoDB's run document adds <c>_id</c>, <c>format</c>, <c>config</c>, <c>info</c> and
/// <c>captured_out</c> to it). Its fields come from <see cref="RunRecordMapping"/>; its times are
/// <see cref="ConfigNodeKind.Timestamp"/> leaves, which each store writes in its own way. Key sets follow Sacred:
/// no <c>result</c> before the first heartbeat, <c>result</c> at the end only for a completed run,
/// <c>fail_trace</c> only for a failed one.
/// </summary>
internal sealed class RunDocument
{
    private readonly SortedDictionary<string, ConfigNode> _fields = new(StringComparer.Ordinal);
    private readonly List<ConfigNode> _artifacts = [];
    private readonly List<ConfigNode> _resources = [];

    private RunDocument()
    {
    }

    /// <summary>
    /// The document of a started run: <c>experiment</c>, <c>command</c>, <c>host</c>, <c>start_time</c>,
    /// <c>meta</c>, status RUNNING, no <c>resources</c> or <c>artifacts</c> yet and a null <c>heartbeat</c>.
    /// </summary>
    /// <param name="run">The started run.</param>
    /// <param name="sourceReference">How the store refers to a source's stored copy.</param>
    public static RunDocument Started(RunStartedEvent run, Func<SourceFileInfo, ConfigNode> sourceReference)
    {
        var document = Common(run, sourceReference, RunRecordMapping.Meta(run.Meta));
        document.Set("start_time", ConfigNode.FromTimestamp(run.Time));
        document.Set("status", ConfigNode.From(RunStatus.Running));
        document.Set("heartbeat", ConfigNode.Null);
        document.Set("resources", ConfigNode.FromItems([]));
        document.Set("artifacts", ConfigNode.FromItems([]));
        return document;
    }

    /// <summary>
    /// The document of a queued run: <c>experiment</c>, <c>command</c>, <c>host</c>, <c>meta</c> with its
    /// <c>queue_time</c>, and status QUEUED.
    /// </summary>
    /// <param name="run">The queued run; its time is the queue time.</param>
    /// <param name="sourceReference">How the store refers to a source's stored copy.</param>
    public static RunDocument Queued(RunStartedEvent run, Func<SourceFileInfo, ConfigNode> sourceReference)
    {
        var meta = RunRecordMapping.Meta(run.Meta).WithValue("queue_time", ConfigNode.FromTimestamp(run.Time));
        var document = Common(run, sourceReference, meta);
        document.Set("status", ConfigNode.From(RunStatus.Queued));
        return document;
    }

    /// <summary>Sets a top-level field.</summary>
    public void Set(string key, ConfigNode value) => _fields[key] = value;

    /// <summary>A heartbeat: its time and the current result (null when unset).</summary>
    public void Heartbeat(HeartbeatEvent beat)
    {
        Set("heartbeat", ConfigNode.FromTimestamp(beat.Time));
        Set("result", beat.Result ?? ConfigNode.Null);
    }

    /// <summary>The end: <c>stop_time</c> and <c>status</c>, the <c>result</c> of a completed run, the <c>fail_trace</c> of a failed one.</summary>
    public void End(RunEndedEvent end)
    {
        Set("stop_time", ConfigNode.FromTimestamp(end.Time));
        Set("status", ConfigNode.From(end.Status));
        if (end.Status == RunStatus.Completed)
        {
            Set("result", end.Result ?? ConfigNode.Null);
        }
        else if (end.Status == RunStatus.Failed)
        {
            Set("fail_trace", RunRecordMapping.FailTrace(end.FailTrace ?? []));
        }
    }

    /// <summary>Appends to <c>artifacts</c> the store's entry for an artifact (a name; a <c>{name, file_id}</c>).</summary>
    public void AddArtifact(ConfigNode entry)
    {
        _artifacts.Add(entry);
        Set("artifacts", ConfigNode.FromItems([.. _artifacts]));
    }

    /// <summary>Appends to <c>resources</c> the store's entry for a resource (<c>[path, stored copy]</c>; <c>[path, md5]</c>).</summary>
    public void AddResource(ConfigNode entry)
    {
        _resources.Add(entry);
        Set("resources", ConfigNode.FromItems([.. _resources]));
    }

    /// <summary>The document as one object tree, keys in ordinal order.</summary>
    public ConfigNode ToNode()
    {
        var node = new ConfigObjectBuilder();
        foreach (var (key, value) in _fields)
        {
            node.Add(key, value);
        }

        return node.Build();
    }

    private static RunDocument Common(RunStartedEvent run, Func<SourceFileInfo, ConfigNode> sourceReference, ConfigNode meta)
    {
        var document = new RunDocument();
        document.Set("experiment", RunRecordMapping.Experiment(run.Experiment, sourceReference));
        document.Set("command", ConfigNode.From(run.Command));
        document.Set("host", RunRecordMapping.Host(run.Host));
        document.Set("meta", meta);
        return document;
    }
}
