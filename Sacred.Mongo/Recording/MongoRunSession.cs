using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using MongoDB.Bson;
using Sacred.Generated;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Queue;
using Sacred.Recording;

namespace Sacred.Mongo.Recording;

/// <summary>
/// Records one run's events into a database, in Sacred's order: sources into GridFS (a file with the same name and
/// MD5 is reused), the run document, then each event's writes. Used by the live observer and by <c>sacred sync</c>,
/// which replays a stored run through it, so both write the same documents.
/// </summary>
internal sealed class MongoRunSession
{
    private readonly IMongoRunDatabase _database;
    private readonly MongoTarget _target;
    private MongoRunRecord? _record;

    public MongoRunSession(IMongoRunDatabase database, MongoTarget target)
    {
        _database = database;
        _target = target;
    }

    /// <summary>The run's <c>_id</c> in MongoDB, once started or queued.</summary>
    public BsonValue? Id => _record?.Id;

    /// <summary>Records the start (or the queueing, with <paramref name="queued"/>) and returns the run's id.</summary>
    /// <param name="run">The run.</param>
    /// <param name="queued">True for <c>-q</c>.</param>
    /// <param name="givenId">An id the user fixed with <c>-i</c>, or null for Sacred's allocation.</param>
    public BsonValue Start(RunStartedEvent run, bool queued, BsonValue? givenId)
    {
        ArgumentNullException.ThrowIfNull(run);
        var sourceIds = Sources(run);
        _record = queued
            ? MongoRunRecord.Queued(run, sourceIds, _target)
            : MongoRunRecord.Started(run, sourceIds, _target);
        return _database.InsertRun(_record.Document, givenId);
    }

    /// <summary>
    /// Records the start of a run a worker claimed into its queued document (<paramref name="id"/>): no new document;
    /// this and every later write are made only while <paramref name="guard"/>'s worker holds the run.
    /// </summary>
    /// <exception cref="Queue.ClaimLostException">The run is no longer this worker's.</exception>
    public void TakeOver(RunStartedEvent run, BsonValue id, RunClaimGuard guard)
    {
        ArgumentNullException.ThrowIfNull(run);
        _record = MongoRunRecord.Started(run, Sources(run), _target);
        _database.Write(_record.TakeOver(id, guard, DateTime.UtcNow));
    }

    /// <summary>
    /// The sources and the build's files (<c>experiment.build.files</c>) in GridFS, a file with the same name and MD5
    /// reused, by <see cref="MongoRunRecord.FileKey"/>. A source's name is under <c>base_dir</c>, a build file's under
    /// <c>repository_root</c>, as their paths are relative to those.
    /// </summary>
    private Dictionary<string, ObjectId> Sources(RunStartedEvent run)
    {
        var fileIds = new Dictionary<string, ObjectId>(StringComparer.Ordinal);
        foreach (var source in run.Experiment.Sources)
        {
            Upload(fileIds, source, MongoRunRecord.SourceFileName(run.Experiment, source));
        }

        if (run.Experiment.Build is { } build)
        {
            foreach (var file in build.Files)
            {
                Upload(fileIds, file, build.RepositoryRoot.TrimEnd('/') + "/" + file.Path);
            }
        }

        return fileIds;
    }

    private void Upload(Dictionary<string, ObjectId> fileIds, SourceFileInfo file, string fileName)
    {
        var key = MongoRunRecord.FileKey(file);
        if (fileIds.ContainsKey(key))
        {
            return;
        }

        if (_database.FindFile(fileName, file.Md5) is not { } id)
        {
            id = ObjectId.GenerateNewId();
            using var text = new MemoryStream(Encoding.UTF8.GetBytes(file.Text));
            _database.Write([.. GridFsFile.Writes(id, text, fileName, null, null, DateTime.UtcNow)]);
        }

        fileIds[key] = id;
    }

    public void Heartbeat(HeartbeatEvent beat) => _database.Write(Record().Heartbeat(beat));

    public void Artifact(ArtifactEvent artifact, Stream content) => _database.Write(Record().Artifact(artifact, content, DateTime.UtcNow));

    public void Resource(ResourceEvent resource) => _database.Write(Record().Resource(resource));

    public void End(RunEndedEvent end) => _database.Write(Record().End(end));

    /// <summary>The id a user gave with <c>-i</c>: digits as an integer (as Sacred's ids are), other text as is.</summary>
    public static BsonValue? GivenId(RunStartedEvent run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Meta.Options.Get("--id") is not { Kind: ConfigNodeKind.String } given)
        {
            return null;
        }

        return long.TryParse(given.StringValue, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? BsonValues.Integer(number)
            : new BsonString(given.StringValue);
    }

    private MongoRunRecord Record() => _record ?? throw new InvalidOperationException("The run was not started.");
}
