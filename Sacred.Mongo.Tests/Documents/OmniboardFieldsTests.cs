using System;
using System.Collections.Generic;
using System.Linq;
using MongoDB.Bson;
using Sacred.Metrics;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Recording;
using Sacred.Recording;
using Xunit;

namespace Sacred.Mongo.Tests.Documents;

/// <summary>
/// Every field Omniboard 2.16.1 reads from <c>runs</c>, <c>metrics</c> and GridFS is in our documents where it looks,
/// with the BSON type its queries need, for a completed, a failed, a running (heartbeating) and a queued run. A wrong
/// type is no cosmetic matter there: one string in <c>heartbeat</c> or one id that <c>$toObjectId</c> cannot parse
/// fails the aggregation behind the whole runs table. File and line numbers refer to the npm package
/// <c>omniboard@2.16.1</c> (<c>server/</c> and <c>web/src/components/</c>).
/// </summary>
public sealed class OmniboardFieldsTests
{
    /// <summary>Which runs must hold a field.</summary>
    [Flags]
    public enum Runs
    {
        Completed = 1,
        Failed = 2,
        Running = 4,
        Queued = 8,
        Started = Completed | Failed | Running,
        Ended = Completed | Failed,
        All = Started | Queued,
    }

    /// <summary>The BSON types Omniboard's code needs.</summary>
    public enum Kind
    {
        /// <summary>int32 or int64: mongoose's <c>Number</c>, matched with <c>Number(id)</c>.</summary>
        Integer,

        /// <summary>Any number: aggregated with <c>$min</c>/<c>$max</c>/<c>$avg</c>, plotted.</summary>
        Number,

        /// <summary>A BSON date: <c>$subtract</c>ed for duration and PROBABLY_DEAD.</summary>
        Date,

        /// <summary>A BSON date, or null before the first heartbeat (<c>$ifNull</c> falls back to <c>start_time</c>).</summary>
        DateOrNull,
        String,

        /// <summary>A string that <c>$toObjectId</c> converts (24 hex digits).</summary>
        ObjectIdText,
        ObjectId,
        Document,
        Array,
        Binary,

        /// <summary>One of Omniboard's statuses (<c>web/src/appConstants/status.constants.js</c>), PROBABLY_DEAD excluded: it is computed.</summary>
        Status,

        /// <summary>Present, any type (shown as JSON).</summary>
        Present,
    }

    /// <summary>Every path Omniboard reads. <c>[]</c> is every element of an array; <c>[1]</c> one element.</summary>
    public static readonly (string Collection, string Path, Kind Kind, Runs Runs)[] Fields =
    [
        // server/models/runs.js:7 (_id Number); server/runs.response.js:99 ($match _id Number(id)); sourceFiles.response.js:147.
        ("runs", "_id", Kind.Integer, Runs.All),

        // server/runs.response.js:158 ($eq status "RUNNING"); web RunsTable/runsTable.js:252-254 (status filter of $eq).
        ("runs", "status", Kind.Status, Runs.All),

        // server/runs.response.js:144 (duration = $subtract heartbeat start_time), :163 ($ifNull heartbeat start_time);
        // server/models/runs.js:8,12 (Date).
        ("runs", "start_time", Kind.Date, Runs.Started),
        ("runs", "heartbeat", Kind.Date, Runs.Started),

        // web RunsTable/runsTable.js:46, :362 (stop_time column).
        ("runs", "stop_time", Kind.Date, Runs.Ended),

        // web RunsTable/runsTable.js:362-363 (the default select: command, result, resources, format, meta).
        ("runs", "command", Kind.String, Runs.All),
        ("runs", "result", Kind.Present, Runs.Completed),
        ("runs", "resources", Kind.Array, Runs.Started),
        ("runs", "format", Kind.String, Runs.Started),

        // web RunsTable/runsTable.js:431-435 (experiment_name column); DrillDownView/drillDownView.js:135, :170.
        ("runs", "experiment", Kind.Document, Runs.All),
        ("runs", "experiment.name", Kind.String, Runs.All),

        // server/app.js:241-245, :316 (source[0] name, source[1] file id); server/sourceFiles.response.js:55-60
        // ($toObjectId of element 1), :113-133.
        ("runs", "experiment.sources[][0]", Kind.String, Runs.All),
        ("runs", "experiment.sources[][1]", Kind.ObjectId, Runs.All),

        // web RunsTable/runsTable.js:438-443 (hostname column, host.* columns); DrillDownView/drillDownView.js:173.
        ("runs", "host", Kind.Document, Runs.All),
        ("runs", "host.hostname", Kind.String, Runs.All),

        // web RunsTable/runsTable.js:394-404 (config.* flattened into columns); DrillDownView/drillDownView.js:205.
        ("runs", "config", Kind.Document, Runs.All),

        // web DrillDownView/drillDownView.js:185 (meta tab); RunsTable/runsTable.js:469-475 (meta.comment is the notes
        // until Omniboard saves its own), :302 (notes filter on meta.comment).
        ("runs", "meta", Kind.Document, Runs.All),
        ("runs", "meta.command", Kind.String, Runs.All),
        ("runs", "meta.comment", Kind.String, Runs.All),

        // web DrillDownView/drillDownView.js:176 (run info tab).
        ("runs", "info", Kind.Document, Runs.Started),

        // server/runs.response.js:229 ($unwind info.metrics), :241 ($toObjectId info.metrics.id).
        ("runs", "info.metrics[].id", Kind.ObjectIdText, Runs.Completed | Runs.Running),
        ("runs", "info.metrics[].name", Kind.String, Runs.Completed | Runs.Running),

        // web DrillDownView/drillDownView.js:179; CapturedOutView/capturedOutView.js:51.
        ("runs", "captured_out", Kind.String, Runs.Started),

        // web DrillDownView/drillDownView.js:156-161 (lines joined with "\n").
        ("runs", "fail_trace", Kind.Array, Runs.Failed),
        ("runs", "fail_trace[]", Kind.String, Runs.Failed),

        // server/models/runs.js:19; server/app.js:249-253 (zip), :339 (artifact.file_id into fs.files).
        ("runs", "artifacts", Kind.Array, Runs.Started),
        ("runs", "artifacts[].name", Kind.String, Runs.Completed),
        ("runs", "artifacts[].file_id", Kind.ObjectId, Runs.Completed),

        // server/models/metrics.js:8-9 (_id ObjectId, run_id Number ref runs); server/runs.response.js:251 ($eq _id
        // $$metric_id), :257 and :293 (name); web MetricsPlotView/metricsPlotView.js:175, :188-191 (run_id, name),
        // :241-242 (x: steps or timestamps, y: values); server/runs.response.js:358 ($min/$max/$avg of values).
        ("metrics", "_id", Kind.ObjectId, Runs.Completed | Runs.Running),
        ("metrics", "run_id", Kind.Integer, Runs.Completed | Runs.Running),
        ("metrics", "name", Kind.String, Runs.Completed | Runs.Running),
        ("metrics", "steps[]", Kind.Integer, Runs.Completed | Runs.Running),
        ("metrics", "timestamps[]", Kind.Date, Runs.Completed | Runs.Running),
        ("metrics", "values[]", Kind.Number, Runs.Completed | Runs.Running),

        // server/models/fs.files.js:6-7; server/app.js:97 (filename split on "/"); web SourceFilesView/sourceFilesView.js:65-67.
        ("fs.files", "_id", Kind.ObjectId, Runs.All),
        ("fs.files", "filename", Kind.String, Runs.All),
        ("fs.files", "length", Kind.Integer, Runs.All),
        ("fs.files", "uploadDate", Kind.Date, Runs.All),

        // server/models/fs.chunks.js:6-9; server/app.js:94-96 (chunk[0].data).
        ("fs.chunks", "files_id", Kind.ObjectId, Runs.All),
        ("fs.chunks", "n", Kind.Integer, Runs.All),
        ("fs.chunks", "data", Kind.Binary, Runs.All),
    ];

    public static TheoryData<string> Scenarios => new() { "completed", "failed", "running", "queued" };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_field_Omniboard_reads_is_there_with_the_type_it_needs(string scenario)
    {
        var database = Record(scenario);
        var run = Flag(scenario);
        var failures = new List<string>();
        foreach (var (collection, path, kind, runs) in Fields.Where(f => f.Runs.HasFlag(run)))
        {
            var documents = database[collection];
            if (documents.Count == 0)
            {
                failures.Add($"{collection}: no documents");
                continue;
            }

            foreach (var document in documents)
            {
                var values = Resolve(document, path).ToList();
                if (values.Count == 0)
                {
                    failures.Add($"{collection}.{path}: missing");
                }

                failures.AddRange(values.Where(v => !Is(kind, v)).Select(v => $"{collection}.{path}: {v.BsonType} {v}, Omniboard needs {kind}"));
            }
        }

        Assert.True(failures.Count == 0, scenario + ":\n" + string.Join("\n", failures.Distinct()));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Omniboards_joins_find_every_linked_document(string scenario)
    {
        var database = Record(scenario);
        var run = database["runs"].Single();

        // server/runs.response.js:235-268: $lookup of metrics by $toObjectId(info.metrics.id), then by name.
        foreach (var link in Resolve(run, "info.metrics[]"))
        {
            var metric = database["metrics"].Single(m => m["_id"] == ObjectId.Parse(link["id"].AsString));
            Assert.Equal(link["name"], metric["name"]);
            Assert.Equal(run["_id"], metric["run_id"]);
        }

        // server/app.js:104-111 of DrillDownView: every metrics document of the run (run_id) is linked from info.metrics.
        Assert.Equal(database["metrics"].Count, Resolve(run, "info.metrics[]").Count());

        // server/app.js:316-321, :339-344: sources and artifacts by id in fs.files; app.js:94-96: their chunks.
        var fileIds = Resolve(run, "experiment.sources[][1]").Concat(Resolve(run, "artifacts[].file_id")).ToList();
        Assert.NotEmpty(fileIds);
        foreach (var id in fileIds)
        {
            Assert.Single(database["fs.files"], f => f["_id"] == id);
            Assert.Contains(database["fs.chunks"], c => c["files_id"] == id && c["n"] == 0);
        }
    }

    [Fact]
    public void A_run_that_never_beat_is_judged_by_its_start_time()
    {
        // server/runs.response.js:163: {$ifNull: ["$heartbeat", "$start_time"]} must be a date for a RUNNING run.
        var database = new InMemoryCollections();
        var session = new MongoRunSession(database, MongoTarget.Parse("sacred"));
        var start = ReferenceRuns.Started("running", queue: false);
        session.Start(start, queued: false, MongoRunSession.GivenId(start));

        var run = database["runs"].Single();
        Assert.Equal("RUNNING", run["status"].AsString);
        Assert.True(run.GetValue("heartbeat", BsonNull.Value) is BsonNull or BsonDateTime);
        Assert.IsType<BsonDateTime>(run["start_time"]);
    }

    [Fact]
    public void Our_heartbeats_and_end_keep_the_tags_and_notes_Omniboard_saved()
    {
        // server/app.js:173-178: Omniboard's PUT $sets omniboard.tags and omniboard.notes (server/models/runs.js:13-18);
        // our later writes must not overwrite them (Sacred's heartbeat $sets only its own fields too).
        var database = new InMemoryCollections();
        var session = new MongoRunSession(database, MongoTarget.Parse("sacred"));
        var start = ReferenceRuns.Started("running", queue: false);
        var id = session.Start(start, queued: false, MongoRunSession.GivenId(start));
        var annotations = new BsonDocument { { "tags", new BsonArray { "baseline" } }, { "notes", "kept" } };
        database.Apply(new UpdateOne("runs", id, new BsonDocument("$set", new BsonDocument("omniboard", annotations))));

        session.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, new Sacred.Generated.ConfigObjectBuilder().Build(), null, "out\n", Metrics(), IsFinal: false));
        session.End(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, ConfigNode.From(1), null));

        Assert.Equal(annotations, database["runs"].Single()["omniboard"]);
    }

    [Fact]
    public void The_checker_fails_a_text_heartbeat_and_an_id_that_is_no_ObjectId()
    {
        var database = Record("running");
        var run = database["runs"].Single();
        run["heartbeat"] = "2024-01-01T00:00:00";
        run["info"]["metrics"][0]["id"] = "1";

        Assert.False(Is(Kind.Date, Resolve(run, "heartbeat").Single()));
        Assert.False(Is(Kind.ObjectIdText, Resolve(run, "info.metrics[].id").First()));
        Assert.Empty(Resolve(run, "stop_time"));
    }

    private static InMemoryCollections Record(string scenario)
    {
        if (scenario != "running")
        {
            return ReferenceRuns.Record(scenario);
        }

        var database = new InMemoryCollections();
        var session = new MongoRunSession(database, MongoTarget.Parse("sacred"));
        var start = ReferenceRuns.Started("running", queue: false);
        session.Start(start, queued: false, MongoRunSession.GivenId(start));
        session.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, new Sacred.Generated.ConfigObjectBuilder().Build(), null, "epoch 1\n", Metrics(), IsFinal: false));
        session.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, new Sacred.Generated.ConfigObjectBuilder().Build(), null, "epoch 2\n", Metrics(), IsFinal: false));
        return database;
    }

    private static List<MetricBatch> Metrics()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return [new MetricBatch("training.loss", new long[] { 0, 1 }, new[] { 1.0, 0.5 }, new[] { now, now })];
    }

    private static Runs Flag(string scenario) => scenario switch
    {
        "completed" => Runs.Completed,
        "failed" => Runs.Failed,
        "running" => Runs.Running,
        _ => Runs.Queued,
    };

    private static bool Is(Kind kind, BsonValue value) => kind switch
    {
        Kind.Integer => value.BsonType is BsonType.Int32 or BsonType.Int64,
        Kind.Number => value.IsNumeric,
        Kind.Date => value.BsonType == BsonType.DateTime,
        Kind.DateOrNull => value.BsonType is BsonType.DateTime or BsonType.Null,
        Kind.String => value.BsonType == BsonType.String,
        Kind.ObjectIdText => value.BsonType == BsonType.String && ObjectId.TryParse(value.AsString, out _),
        Kind.ObjectId => value.BsonType == BsonType.ObjectId,
        Kind.Document => value.BsonType == BsonType.Document,
        Kind.Array => value.BsonType == BsonType.Array,
        Kind.Binary => value.BsonType == BsonType.Binary,
        Kind.Status => value.BsonType == BsonType.String && value.AsString is "RUNNING" or "COMPLETED" or "FAILED" or "INTERRUPTED" or "TIMEOUT" or "QUEUED",
        _ => true,
    };

    // The values at a path: "a.b" a field, "a[]" every element, "a[1]" one element.
    private static IEnumerable<BsonValue> Resolve(BsonValue value, string path)
    {
        IEnumerable<BsonValue> current = [value];
        foreach (var part in path.Split('.'))
        {
            var name = part.Split('[')[0];
            current = current.SelectMany(v => v is BsonDocument d && d.TryGetValue(name, out var child) ? [child] : Array.Empty<BsonValue>());
            foreach (var index in part.Split('[').Skip(1).Select(i => i.TrimEnd(']')))
            {
                current = index.Length == 0
                    ? current.SelectMany(v => v is BsonArray a ? a : Enumerable.Empty<BsonValue>())
                    : current.SelectMany(v => v is BsonArray a && a.Count > int.Parse(index) ? [a[int.Parse(index)]] : Array.Empty<BsonValue>());
            }
        }

        return current.ToList();
    }
}
