using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using MongoDB.Bson;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Mongo.Documents;
using Sacred.Recording;
using Sacred.Storage;
using Sacred.Storage.Writing;

namespace Sacred.Mongo.Mirror;

/// <summary>
/// Writes Sacred's MongoDB documents (a run, its <c>metrics</c>, its output pieces and GridFS files, as Python
/// Sacred or our own observer wrote them) into an embedded store, through the store's own run writer, under the run's
/// <c>_id</c>: the reverse of <see cref="Sync.RunReplay"/>. A run imported while it runs keeps its writer, so later
/// passes append only the new output, points, artifacts and resources.
/// </summary>
internal sealed class RunImporter
{
    private const string SplitOutputNote = "[sacred: the output is ";

    private readonly SqliteConnection _connection;
    private readonly ContentStore _files;
    private readonly string _directory;
    private readonly IMirrorSource _source;
    private readonly Dictionary<long, LiveRun> _live = [];
    private readonly Dictionary<ObjectId, SourceFileInfo> _sources = [];

    public RunImporter(SqliteConnection connection, string directory, IMirrorSource source)
    {
        _connection = connection;
        _directory = directory;
        _files = new ContentStore(directory);
        _source = source;
    }

    /// <summary>Brings one run of the mirror up to its document: appends to a run imported while running, else imports it whole.</summary>
    /// <param name="run">The run document.</param>
    /// <param name="inMirror">Whether the mirror holds the run already.</param>
    public void Import(BsonDocument run, bool inMirror)
    {
        var id = run["_id"].ToInt64();
        var status = Text(run, "status") ?? RunStatus.Running;
        if (_live.TryGetValue(id, out var live) && status != RunStatus.Queued)
        {
            Append(run, live, status);
            return;
        }

        if (inMirror)
        {
            Remove([id]);
        }

        var queued = status == RunStatus.Queued;
        var writer = RunWriter.Start(_connection, _files, Started(run, id), queued);
        live = new LiveRun(writer);
        // The run ran elsewhere: no local process id. And the mirror is a cache that can be pulled again, so its
        // commits need not wait for the disk (the writer asks for that at a queued start and at the end).
        Execute("UPDATE runs SET pid = NULL WHERE id = $id; PRAGMA synchronous = NORMAL;", id);
        if (!queued)
        {
            Append(run, live, status);
        }

        Annotate(run, id);
        if (status is RunStatus.Running)
        {
            _live[id] = live;
        }
    }

    /// <summary>Removes runs from the mirror (their stored files stay, shared by content, for a re-import).</summary>
    public void Remove(IReadOnlyList<long> ids)
    {
        foreach (var id in ids)
        {
            _live.Remove(id);
            Execute(
                """
                DELETE FROM metric_chunks WHERE metric_id IN (SELECT id FROM metrics WHERE run_id = $id);
                DELETE FROM metrics WHERE run_id = $id;
                DELETE FROM output WHERE run_id = $id;
                DELETE FROM artifacts WHERE run_id = $id;
                DELETE FROM resources WHERE run_id = $id;
                DELETE FROM run_sources WHERE run_id = $id;
                DELETE FROM config_values WHERE run_id = $id;
                DELETE FROM run_tags WHERE run_id = $id;
                DELETE FROM run_notes WHERE run_id = $id;
                DELETE FROM run_records WHERE run_id = $id;
                DELETE FROM runs WHERE id = $id;
                """,
                id);
        }
    }

    private void Append(BsonDocument run, LiveRun live, string status)
    {
        var runId = run["_id"];
        var output = Text(run, "captured_out") ?? "";
        if (output.StartsWith(SplitOutputNote, StringComparison.Ordinal))
        {
            output = _source.OutputPieces(runId);
        }

        var newOutput = output.Length > live.OutputChars ? output[(int)live.OutputChars..] : "";
        var batches = new Dictionary<string, (List<long> Steps, List<double> Values, List<long> Times)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var metric in _source.Metrics(runId, live.MetricPoints))
        {
            var name = Text(metric, "name") ?? "";
            if (!batches.TryGetValue(name, out var batch))
            {
                batch = ([], [], []);
                batches[name] = batch;
                order.Add(name);
            }

            var steps = Array(metric, "steps");
            var values = Array(metric, "values");
            var times = Array(metric, "timestamps");
            var count = Math.Min(steps.Count, Math.Min(values.Count, times.Count));
            for (var i = 0; i < count; i++)
            {
                batch.Steps.Add(steps[i].IsNumeric ? steps[i].ToInt64() : batch.Steps.Count);
                batch.Values.Add(values[i].IsNumeric ? values[i].ToDouble() : double.NaN);
                batch.Times.Add(times[i] is BsonDateTime time ? time.MillisecondsSinceEpoch : 0);
            }

            var id = metric["_id"].AsObjectId;
            live.MetricPoints[id] = live.MetricPoints.GetValueOrDefault(id) + steps.Count;
        }

        var metrics = new List<MetricBatch>();
        foreach (var name in order)
        {
            var (steps, values, times) = batches[name];
            metrics.Add(new MetricBatch(name, steps.ToArray(), values.ToArray(), times.ToArray()));
        }

        var info = run.GetValue("info", new BsonDocument()) is BsonDocument infoDocument ? WithoutMetricLinks(infoDocument) : ConfigNode.Null;
        var result = Result(run);
        var beat = Time(run, "heartbeat") ?? Time(run, "stop_time") ?? Time(run, "start_time") ?? DateTime.UtcNow;
        live.Writer.Heartbeat(new HeartbeatEvent(beat, info, result, newOutput, metrics, IsFinal: status != RunStatus.Running));
        live.OutputChars += newOutput.Length;

        var artifacts = Array(run, "artifacts");
        for (; live.Artifacts < artifacts.Count; live.Artifacts++)
        {
            if (artifacts[live.Artifacts] is BsonDocument artifact && artifact.GetValue("file_id", BsonNull.Value) is BsonObjectId fileId)
            {
                AddArtifact(live.Writer, Text(artifact, "name") ?? fileId.ToString(), fileId.Value);
            }
        }

        var resources = Array(run, "resources");
        for (; live.Resources < resources.Count; live.Resources++)
        {
            if (resources[live.Resources] is BsonArray { Count: 2 } pair)
            {
                live.Writer.AddResource(new ResourceEvent(pair[0].ToString()!, pair[1].ToString()!));
            }
        }

        if (status is not (RunStatus.Running or RunStatus.Queued))
        {
            var trace = run.GetValue("fail_trace", BsonNull.Value) is BsonArray lines ? Strings(lines) : null;
            live.Writer.End(new RunEndedEvent(Time(run, "stop_time") ?? beat, status, result, trace));
            Execute("PRAGMA synchronous = NORMAL;", 0);
            _live.Remove(run["_id"].ToInt64());
        }
    }

    private void AddArtifact(RunWriter writer, string name, ObjectId fileId)
    {
        var file = _source.ReadFile(fileId);
        var temp = Path.Combine(StoreLayout.TempPath(_directory), "artifact-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            var content = file?.Content ?? Encoding.UTF8.GetBytes($"[sacred board: GridFS file {fileId} of this artifact could not be read from MongoDB]\n");
            File.WriteAllBytes(temp, content);
            var info = file?.Info;
            var contentType = info is not null && info.GetValue("contentType", BsonNull.Value) is BsonString type ? type.Value : null;
            var metadata = info is not null && info.GetValue("metadata", BsonNull.Value) is BsonDocument m ? BsonValues.ToNode(m) : null;
            writer.AddArtifact(new ArtifactEvent(name, temp, file?.Content is null ? "text/plain" : contentType, metadata));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private void Annotate(BsonDocument run, long id)
    {
        if (run.GetValue("omniboard", BsonNull.Value) is not BsonDocument omniboard)
        {
            return;
        }

        var curation = Storage.Curation.RunCuration.Open(_directory);
        if (omniboard.GetValue("tags", BsonNull.Value) is BsonArray tags && tags.Count > 0)
        {
            try
            {
                curation.SetTags(id, Strings(tags));
            }
            catch (ArgumentException)
            {
                // A tag Omniboard allowed but the board does not (too long, too many): the run shows untagged.
            }
        }

        if (Text(omniboard, "notes") is { Length: > 0 } notes)
        {
            try
            {
                curation.SetNotes(id, notes);
            }
            catch (ArgumentException)
            {
                // Notes beyond the board's limit stay in MongoDB only.
            }
        }
    }

    private RunStartedEvent Started(BsonDocument run, long id)
    {
        var experimentNode = run.GetValue("experiment", new BsonDocument()) is BsonDocument e ? BsonValues.ToNode(e) : ConfigNode.Null;
        var recorded = RunRecordMapping.ReadExperiment(experimentNode);
        var sources = new List<SourceFileInfo>();
        foreach (var (path, reference) in recorded.Sources)
        {
            sources.Add(Source(path, reference));
        }

        var experiment = new ExperimentInfo(recorded.Name, recorded.BaseDirectory, recorded.MainFile, sources, recorded.Dependencies, recorded.Repositories);
        var host = run.GetValue("host", BsonNull.Value) is BsonDocument h
            ? RunRecordMapping.ReadHost(BsonValues.ToNode(h))
            : new HostInfo("", [], null, null, "", new SortedDictionary<string, string>(), new SortedDictionary<string, ConfigNode>());
        var config = run.GetValue("config", BsonNull.Value) is BsonDocument c ? BsonValues.ToNode(c) : ConfigNode.Null;
        var meta = run.GetValue("meta", BsonNull.Value) is BsonDocument m ? RunRecordMapping.ReadMeta(BsonValues.ToNode(m)) : new MetaInfo(Text(run, "command") ?? "", ConfigNode.Null, null, [], ConfigNode.Null, null);
        var modifications = run.GetValue("config_modifications", BsonNull.Value) is BsonDocument mods
            ? RunRecordMapping.ReadModifications(BsonValues.ToNode(mods))
            : new ConfigModifications(UpdatedKeys(meta.ConfigUpdates), [], []);
        var seed = config.Get("seed") is { Kind: ConfigNodeKind.Integer } s ? unchecked((int)s.IntegerValue) : 0;
        var time = Time(run, "start_time") ?? Time(run, "queue_time") ?? QueueTime(run) ?? Time(run, "heartbeat") ?? DateTime.UtcNow;
        return new RunStartedEvent(id.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(run, "command") ?? meta.Command, experiment, host, time, config, modifications, meta, seed);
    }

    /// <summary>A source's text from GridFS, once per file id; when it cannot be read, a note in its place under the recorded md5.</summary>
    private SourceFileInfo Source(string path, ConfigNode reference)
    {
        if (reference.Kind != ConfigNodeKind.String || !ObjectId.TryParse(reference.StringValue, out var fileId))
        {
            return new SourceFileInfo(path, "", $"[sacred board: the source {path} was not stored in MongoDB]\n");
        }

        if (_sources.TryGetValue(fileId, out var known))
        {
            return known with { Path = path };
        }

        var file = _source.ReadFile(fileId);
        var md5 = file?.Info.GetValue("md5", BsonNull.Value) is BsonString recorded ? recorded.Value : null;
        var text = file?.Content is { } bytes ? Encoding.UTF8.GetString(bytes) : null;
        md5 ??= text is null ? "" : Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
        var source = new SourceFileInfo(path, md5, text ?? $"[sacred board: the content of {path} (GridFS file {fileId}, md5 {md5}) could not be read from MongoDB]\n");
        _sources[fileId] = source;
        return source;
    }

    /// <summary>
    /// Sacred's documents do not keep which keys were changed; the keys given on the command line
    /// (<c>meta.config_updates</c>, flattened) are the best the mirror can mark as modified.
    /// </summary>
    private static List<string> UpdatedKeys(ConfigNode updates) => ConfigUpdates.Leaves(updates).ConvertAll(leaf => leaf.Key);

    private static DateTime? QueueTime(BsonDocument run) =>
        run.GetValue("meta", BsonNull.Value) is BsonDocument meta && meta.GetValue("queue_time", BsonNull.Value) is BsonDateTime time ? time.ToUniversalTime() : null;

    private static ConfigNode? Result(BsonDocument run) =>
        run.GetValue("result", BsonNull.Value) is { IsBsonNull: false } result ? BsonValues.ToNode(result) : null;

    /// <summary>The run's <c>info</c> without <c>info.metrics</c>: MongoDB's links to its metric documents, which the store keeps as metrics.</summary>
    private static ConfigNode WithoutMetricLinks(BsonDocument info)
    {
        var copy = new BsonDocument();
        foreach (var element in info)
        {
            if (element.Name != "metrics")
            {
                copy.Add(element);
            }
        }

        return BsonValues.ToNode(copy);
    }

    private static BsonArray Array(BsonDocument document, string name) =>
        document.GetValue(name, BsonNull.Value) as BsonArray ?? [];

    private static List<string> Strings(BsonArray items)
    {
        var list = new List<string>(items.Count);
        foreach (var item in items)
        {
            list.Add(item is BsonString text ? text.Value : item.ToString()!);
        }

        return list;
    }

    private static string? Text(BsonDocument document, string name) =>
        document.GetValue(name, BsonNull.Value) is BsonString text ? text.Value : null;

    private static DateTime? Time(BsonDocument document, string name) =>
        document.GetValue(name, BsonNull.Value) is BsonDateTime time ? time.ToUniversalTime() : null;

    private void Execute(string sql, long id)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    /// <summary>A run imported while RUNNING: its writer, and how much of it the mirror holds.</summary>
    private sealed class LiveRun(RunWriter writer)
    {
        public RunWriter Writer { get; } = writer;

        public long OutputChars { get; set; }

        public Dictionary<ObjectId, int> MetricPoints { get; } = [];

        public int Artifacts { get; set; }

        public int Resources { get; set; }
    }
}
