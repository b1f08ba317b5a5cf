using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MongoDB.Bson;
using MongoDB.Driver;
using Sacred.Mongo.Recording;
using Sacred.Mongo.Tests.Documents;
using Sacred.Mongo.Tests.Processes;
using Xunit;

namespace Sacred.Mongo.Tests.Live;

/// <summary>
/// Against a real server (<c>SACRED_TEST_MONGO</c>): every field survives the wire with its BSON type, the 16 MB
/// cases, ids shared with Python Sacred, 8 processes at once, and <c>sacred sync</c> uploading each run once.
/// </summary>
public sealed class LiveMongoTests
{
    [LiveMongoFact]
    public void Every_field_round_trips_with_its_type_for_the_four_reference_runs()
    {
        foreach (var scenario in new[] { "completed", "failed", "interrupted", "queued" })
        {
            using var live = new LiveDatabase();
            ReferenceRuns.Record(scenario, new MongoRunDatabase(live.Database, MongoTarget.Parse(live.Address)));

            var collections = live.Database.ListCollectionNames().ToList()
                .Where(name => name != "sacred_sync")
                .OrderBy(name => name, StringComparer.Ordinal)
                .Select(name => new KeyValuePair<string, IReadOnlyList<BsonDocument>>(name, live[name].Find(new BsonDocument()).Sort(new BsonDocument("_id", 1)).ToList()));
            var failures = ReferenceComparison.Compare(ReferenceComparison.Reference(scenario), ReferenceComparison.Shape(collections));

            Assert.True(failures.Count == 0, scenario + ":\n" + string.Join("\n", failures));
        }
    }

    [LiveMongoFact]
    public void A_run_with_dash_m_is_in_MongoDB_whole_and_marked_synced()
    {
        using var live = new LiveDatabase();
        var store = Programs.TempDirectory();

        var run = Programs.Probe(null, "with", "learning_rate=0.2", "points=50", "-m", live.Address, "--store", store, "-c", "live");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var document = live["runs"].Find(new BsonDocument()).Single();
        Assert.Equal(new BsonInt32(1), document["_id"]);
        Assert.Equal("COMPLETED", document["status"]);
        Assert.Equal("MongoObserver-0.7.0", document["format"]);
        Assert.Equal(2.0, document["result"].AsDouble, 12);
        Assert.Equal(0.2, document["config"]["learning_rate"].AsDouble);
        Assert.Equal("live", document["meta"]["comment"]);
        Assert.Contains("0xxxxxxxxxxxxxxxxxxx", document["captured_out"].AsString, StringComparison.Ordinal);
        Assert.Equal("warm start", document["info"]["notes"]);
        var links = document["info"]["metrics"].AsBsonArray;
        Assert.Equal(["training.loss", "validation.accuracy"], links.Select(l => l["name"].AsString).Order(StringComparer.Ordinal));
        var loss = live["metrics"].Find(new BsonDocument("name", "training.loss")).Single();
        Assert.Equal(links.Single(l => l["name"] == "training.loss")["id"].AsString, loss["_id"].AsObjectId.ToString());
        Assert.Equal(50, loss["values"].AsBsonArray.Count);
        var artifact = document["artifacts"].AsBsonArray.Single();
        var file = live["fs.files"].Find(new BsonDocument("_id", artifact["file_id"])).Single();
        Assert.Equal("artifact://runs/1/model.bin", file["filename"]);
        Assert.Equal(new byte[] { 0, 1, 2, 3 }, live["fs.chunks"].Find(new BsonDocument("files_id", file["_id"])).Single()["data"].AsByteArray);
        foreach (var source in document["experiment"]["sources"].AsBsonArray)
        {
            Assert.Equal(1, live["fs.files"].CountDocuments(new BsonDocument("_id", source[1])));
        }

        var sync = Programs.Sacred("sync", "--store", store, "-m", live.Address);
        Assert.Equal(0, sync.ExitCode);
        Assert.Contains("0 uploaded, 1 already in MongoDB", sync.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, live["runs"].CountDocuments(new BsonDocument()));
    }

    [LiveMongoFact]
    public void Forty_million_characters_and_a_million_points_are_recorded_and_read_back()
    {
        using var live = new LiveDatabase();
        var store = Programs.TempDirectory();

        var run = Programs.Probe(null, "with", "lines=200000", "line_length=200", "points=1000000", "-m", live.Address, "--store", store);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var document = live["runs"].Find(new BsonDocument()).Single();
        Assert.Equal("COMPLETED", document["status"]);
        Assert.True(document.ToBson().Length < 16 * 1024 * 1024);
        var full = new StringBuilder();
        foreach (var piece in live["captured_out"].Find(new BsonDocument("run_id", document["_id"])).Sort(new BsonDocument("seq", 1)).ToList())
        {
            full.Append(piece["text"].AsString);
        }

        Assert.Contains("199999".PadRight(200, 'x') + "\n", full.ToString(), StringComparison.Ordinal);
        Assert.True(full.Length >= 200_000 * 201);
        Assert.EndsWith(full.ToString()[^1000..], document["captured_out"].AsString, StringComparison.Ordinal);
        var points = live["metrics"].Find(new BsonDocument("name", "training.loss")).ToList().Sum(m => m["steps"].AsBsonArray.Count);
        Assert.Equal(1_000_000, points);
    }

    [LiveMongoFact]
    public void Ids_follow_Python_Sacreds_runs_in_a_shared_database()
    {
        using var live = new LiveDatabase();
        live["runs"].InsertOne(new BsonDocument { { "_id", 41 }, { "status", "COMPLETED" }, { "format", "MongoObserver-0.7.0" } });
        live["runs"].InsertOne(new BsonDocument { { "_id", "custom-id" }, { "status", "COMPLETED" } });

        var run = Programs.Probe(null, "-m", live.Address, "--store", Programs.TempDirectory());

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(1, live["runs"].CountDocuments(new BsonDocument("_id", new BsonInt32(42))));
    }

    [LiveMongoFact]
    public void Eight_processes_at_once_get_eight_ids()
    {
        using var live = new LiveDatabase();
        var store = Programs.TempDirectory();

        var runs = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Programs.Probe(null, "-m", live.Address, "--store", store))).ToArray();
        Task.WaitAll(runs);

        Assert.All(runs, run => Assert.True(run.Result.ExitCode == 0, run.Result.Stderr));
        var ids = live["runs"].Find(new BsonDocument()).ToList().Select(r => r["_id"].AsInt32).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 8), ids);
        Assert.All(live["runs"].Find(new BsonDocument()).ToList(), r => Assert.Equal("COMPLETED", r["status"]));
    }

    [LiveMongoFact]
    public void Runs_recorded_while_the_server_was_away_are_uploaded_once_by_sync_twice_or_at_once()
    {
        using var live = new LiveDatabase();
        var store = Programs.TempDirectory();
        var away = $"mongodb://127.0.0.1:{Programs.ClosedPort()}/lab";
        Assert.Equal(0, Programs.Probe(null, "with", "points=20", "-m", away, "--store", store).ExitCode);
        Assert.Equal(1, Programs.Probe(null, "fail", "-m", away, "--store", store).ExitCode);
        Assert.Equal(0, Programs.Probe(null, "-m", away, "--store", store).ExitCode);

        var syncs = Enumerable.Range(0, 2).Select(_ => Task.Run(() => Programs.Sacred("sync", "--store", store, "-m", live.Address))).ToArray();
        Task.WaitAll(syncs);
        var again = Programs.Sacred("sync", "--store", store, "-m", live.Address);

        Assert.All(syncs, s => Assert.True(s.Result.ExitCode == 0, s.Result.Stderr));
        Assert.Equal(3, syncs.Sum(s => s.Result.Stdout.Split('\n').Count(l => l.Contains("uploaded as _id", StringComparison.Ordinal))));
        Assert.Contains("0 uploaded, 3 already in MongoDB", again.Stdout, StringComparison.Ordinal);
        var runs = live["runs"].Find(new BsonDocument()).Sort(new BsonDocument("start_time", 1)).ToList();
        Assert.Equal(["COMPLETED", "FAILED", "COMPLETED"], runs.Select(r => r["status"].AsString));
        Assert.Equal(20, live["metrics"].Find(new BsonDocument { { "run_id", runs[0]["_id"] }, { "name", "training.loss" } }).Single()["steps"].AsBsonArray.Count);
        Assert.Contains("probe failure 42", string.Concat(runs[1]["fail_trace"].AsBsonArray.Select(l => l.AsString)), StringComparison.Ordinal);
    }

    [LiveMongoFact]
    public void A_run_that_reaches_the_server_catches_up_the_runs_that_wait()
    {
        using var live = new LiveDatabase();
        var store = Programs.TempDirectory();
        var away = $"mongodb://127.0.0.1:{Programs.ClosedPort()}/lab";
        Assert.Equal(0, Programs.Probe(null, "-m", away, "--store", store).ExitCode);
        Assert.Equal(0, Programs.Probe(null, "-m", away, "--store", store).ExitCode);

        var run = Programs.Probe(null, "-m", live.Address, "--store", store);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(3, live["runs"].CountDocuments(new BsonDocument("status", "COMPLETED")));
        var sync = Programs.Sacred("sync", "--store", store, "-m", live.Address);
        Assert.Contains("0 uploaded, 3 already in MongoDB", sync.Stdout, StringComparison.Ordinal);
    }
}
