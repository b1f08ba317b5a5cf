using System;
using System.Collections.Generic;
using System.IO;
using MongoDB.Bson;
using Sacred.Generated;
using Sacred.Mongo.Queue;
using Sacred.Recording;

namespace Sacred.Mongo.Documents;

/// <summary>
/// One run as Sacred's MongoObserver keeps it in MongoDB, and the writes each event makes, built without a server.
/// The fields shared with every store come from the runtime's <see cref="RunDocument"/> (one mapping for all
/// observers); this adds MongoDB's own: <c>_id</c>, <c>format</c>, <c>config</c>, <c>info</c> with its
/// <c>metrics</c> links, <c>captured_out</c>, sources as GridFS ids, artifacts as <c>{name, file_id}</c> and resources
/// as <c>[path, md5]</c>. Unlike Sacred, which sends the whole run document at every heartbeat, a heartbeat sends
/// <c>$set</c>s of what changed and <c>$push</c>es of the new metric points only.
/// </summary>
internal sealed class MongoRunRecord
{
    /// <summary>The <c>format</c> field of Sacred 0.8's MongoObserver.</summary>
    public const string Format = "MongoObserver-0.7.0";

    private readonly MongoTarget _target;
    private readonly RunDocument _record;
    private readonly BsonDocument _document;
    private readonly MetricDocuments _metrics;
    private readonly CapturedOutput _output = new();
    private BsonDocument _info = [];
    private RunClaimGuard? _guard;

    private MongoRunRecord(MongoTarget target, RunDocument record, BsonDocument document)
    {
        _target = target;
        _record = record;
        _document = document;
        _metrics = new MetricDocuments(target.MetricsCollection);
    }

    /// <summary>The run's <c>_id</c>, once <see cref="Document"/> gave it one.</summary>
    public BsonValue? Id { get; private set; }

    /// <summary>The collection holding the full output of a run whose output outgrew <c>captured_out</c>.</summary>
    public string OutputCollection => OutputCollectionOf(_target);

    /// <summary>The output collection of a target: <c>captured_out</c>, or <c>&lt;prefix&gt;_captured_out</c>.</summary>
    public static string OutputCollectionOf(MongoTarget target) => target.RunsCollection[..^"runs".Length] + "captured_out";

    /// <summary>
    /// How the file ids handed to <see cref="Started"/> and <see cref="Queued"/> are keyed: path and MD5, since a
    /// build file's path (under the repository root) may equal a source's (under the experiment's folder).
    /// </summary>
    public static string FileKey(SourceFileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.Path + "\n" + file.Md5;
    }

    /// <summary>A source's GridFS file name: its absolute path, as Sacred names it.</summary>
    public static string SourceFileName(ExperimentInfo experiment, SourceFileInfo source) =>
        experiment.BaseDirectory.TrimEnd('/') + "/" + source.Path;

    /// <summary>A started run: status RUNNING, empty <c>captured_out</c> and <c>info</c>, no heartbeat yet.</summary>
    /// <param name="run">The run.</param>
    /// <param name="sourceIds">The GridFS id of each source and build file, by <see cref="FileKey"/>.</param>
    /// <param name="target">The collections.</param>
    public static MongoRunRecord Started(RunStartedEvent run, IReadOnlyDictionary<string, ObjectId> sourceIds, MongoTarget target)
    {
        ArgumentNullException.ThrowIfNull(run);
        var record = RunDocument.Started(run, source => ConfigNode.From(sourceIds[FileKey(source)].ToString()));
        var document = Convert(record.ToNode());
        document["experiment"][SourcesHash.Field] = SourcesHash.Of(run.Experiment.Sources);
        document["format"] = Format;
        document["config"] = BsonValues.Document(run.Config);
        document["captured_out"] = "";
        document["info"] = new BsonDocument();
        return new MongoRunRecord(target, record, document);
    }

    /// <summary>A queued run (<c>-q</c>): experiment, command, host, config, meta with <c>queue_time</c>, status QUEUED.</summary>
    /// <param name="run">The run.</param>
    /// <param name="sourceIds">The GridFS id of each source and build file, by <see cref="FileKey"/>.</param>
    /// <param name="target">The collections.</param>
    public static MongoRunRecord Queued(RunStartedEvent run, IReadOnlyDictionary<string, ObjectId> sourceIds, MongoTarget target)
    {
        ArgumentNullException.ThrowIfNull(run);
        var record = RunDocument.Queued(run, source => ConfigNode.From(sourceIds[FileKey(source)].ToString()));
        var document = Convert(record.ToNode());
        document["experiment"][SourcesHash.Field] = SourcesHash.Of(run.Experiment.Sources);
        document["config"] = BsonValues.Document(run.Config);
        return new MongoRunRecord(target, record, document);
    }

    /// <summary>The whole run document with <paramref name="id"/> as its <c>_id</c>, for the insert; the id is kept for later writes.</summary>
    public BsonDocument Document(BsonValue id)
    {
        Id = id;
        var document = new BsonDocument("_id", id);
        foreach (var element in _document)
        {
            document.Add(element);
        }

        return document;
    }

    /// <summary>
    /// The writes that make a claimed QUEUED document this started run (<c>worker -m</c>): one <c>$set</c> of every field
    /// of the started document (<c>meta</c> field by field, so the queue time stays), on the condition that the run is
    /// still RUNNING under this worker; then what an earlier, dead attempt left in <c>metrics</c> and the output
    /// collection is deleted. Every later write of this record is guarded by the claim (<see cref="RunClaimGuard"/>).
    /// </summary>
    /// <param name="id">The claimed run's <c>_id</c>.</param>
    /// <param name="guard">The worker and its lease.</param>
    /// <param name="now">The time the lease is renewed from.</param>
    public List<MongoWrite> TakeOver(BsonValue id, RunClaimGuard guard, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(guard);
        Id = id;
        _guard = guard;
        var set = new BsonDocument();
        foreach (var element in _document)
        {
            if (element.Name == "meta")
            {
                foreach (var meta in element.Value.AsBsonDocument)
                {
                    set["meta." + meta.Name] = meta.Value;
                }
            }
            else
            {
                set[element.Name] = element.Value;
            }
        }

        set[MongoQueueDocuments.LeaseExpires] = BsonValues.Date(now + guard.Lease);
        var condition = new BsonDocument { { MongoQueueDocuments.Worker, guard.WorkerId }, { "status", "RUNNING" } };
        return
        [
            new UpdateOne(_target.RunsCollection, id, new BsonDocument("$set", set), condition),
            new DeleteMany(_target.MetricsCollection, new BsonDocument("run_id", id)),
            new DeleteMany(OutputCollection, new BsonDocument("run_id", id)),
        ];
    }

    /// <summary>The writes of a heartbeat: overflowing output, new metric points, then one <c>$set</c> of the run.</summary>
    public List<MongoWrite> Heartbeat(HeartbeatEvent beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        var id = RequireId();
        var writes = Guard(DateTime.UtcNow);
        foreach (var piece in _output.Append(beat.Output, id))
        {
            writes.Add(new InsertOne(OutputCollection, piece));
        }

        foreach (var batch in beat.Metrics)
        {
            _metrics.Add(batch, id, writes);
        }

        _record.Heartbeat(beat);
        _info = BsonValues.Document(beat.Info);
        if (_metrics.Links.Count > 0)
        {
            _info["metrics"] = _metrics.Links.DeepClone();
        }

        var set = Fields("heartbeat", "result");
        set["info"] = _info;
        if (beat.Output.Length > 0)
        {
            set["captured_out"] = _output.Value;
        }

        writes.Add(Set(set));
        return writes;
    }

    /// <summary>
    /// The start of an event's writes: nothing for a run this record inserted; for a claimed run, the renewal of the
    /// lease on the condition that this worker still holds it, so that a worker whose run was re-queued writes
    /// nothing, and the writes that follow fall inside a fresh lease.
    /// </summary>
    private List<MongoWrite> Guard(DateTime now) => _guard is null
        ? []
        : [new UpdateOne(_target.RunsCollection, RequireId(), MongoQueueDocuments.RenewUpdate(now, _guard.Lease), Held())];

    private BsonDocument? Held() => _guard is null ? null : new BsonDocument(MongoQueueDocuments.Worker, _guard.WorkerId);

    /// <summary>The writes that store an artifact in GridFS as <c>artifact://runs/&lt;id&gt;/&lt;name&gt;</c> and link it from <c>artifacts</c>.</summary>
    public List<MongoWrite> Artifact(ArtifactEvent artifact, Stream content, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var id = RequireId();
        var fileId = ObjectId.GenerateNewId();
        var metadata = artifact.Metadata is { Kind: ConfigNodeKind.Object } m ? BsonValues.Document(m) : null;
        var writes = Guard(now);
        writes.AddRange(GridFsFile.Writes(fileId, content, $"artifact://{_target.RunsCollection}/{id}/{artifact.Name}", artifact.ContentType, metadata, now));
        var entry = new BsonDocument { { "name", artifact.Name }, { "file_id", fileId } };
        ((BsonArray)_document["artifacts"]).Add(entry);
        writes.Add(new UpdateOne(_target.RunsCollection, id, new BsonDocument("$push", new BsonDocument("artifacts", entry)), Held()));
        return writes;
    }

    /// <summary>The write that adds <c>[path, md5]</c> to <c>resources</c>; none when the run already has it.</summary>
    public List<MongoWrite> Resource(ResourceEvent resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var id = RequireId();
        var entry = new BsonArray { resource.Path, resource.Md5 };
        var resources = (BsonArray)_document["resources"];
        if (resources.Contains(entry))
        {
            return [];
        }

        resources.Add(entry);
        var writes = Guard(DateTime.UtcNow);
        writes.Add(new UpdateOne(_target.RunsCollection, id, new BsonDocument("$push", new BsonDocument("resources", entry)), Held()));
        return writes;
    }

    /// <summary>The write of the end: <c>stop_time</c>, <c>status</c>, and <c>result</c> or <c>fail_trace</c>.</summary>
    public List<MongoWrite> End(RunEndedEvent end)
    {
        ArgumentNullException.ThrowIfNull(end);
        RequireId();
        _record.End(end);
        var writes = Guard(DateTime.UtcNow);
        writes.Add(Set(Fields("stop_time", "status", "result", "fail_trace")));
        return writes;
    }

    private BsonValue RequireId() => Id ?? throw new InvalidOperationException("The run document has not been inserted.");

    private BsonDocument Fields(params string[] names)
    {
        var node = _record.ToNode();
        var set = new BsonDocument();
        foreach (var name in names)
        {
            if (node.Get(name) is { } value)
            {
                set[name] = BsonValues.From(value);
            }
        }

        return set;
    }

    private UpdateOne Set(BsonDocument set)
    {
        foreach (var element in set)
        {
            _document[element.Name] = element.Value;
        }

        return new UpdateOne(_target.RunsCollection, RequireId(), new BsonDocument("$set", set), Held());
    }

    // The runtime's tree holds the GridFS id of a source (and of a build file) as hex text; MongoDB's holds an ObjectId.
    private static BsonDocument Convert(ConfigNode node)
    {
        var document = BsonValues.Document(node);
        if (document.TryGetValue("experiment", out var experiment))
        {
            ToObjectIds(experiment.AsBsonDocument.GetValue("sources", BsonNull.Value));
            if (experiment.AsBsonDocument.TryGetValue("build", out var build))
            {
                ToObjectIds(build.AsBsonDocument.GetValue("files", BsonNull.Value));
            }
        }

        return document;
    }

    private static void ToObjectIds(BsonValue pairs)
    {
        if (pairs is BsonArray items)
        {
            foreach (var pair in items)
            {
                pair.AsBsonArray[1] = ObjectId.Parse(pair.AsBsonArray[1].AsString);
            }
        }
    }
}
