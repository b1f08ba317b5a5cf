using System;
using System.Linq;
using System.Text;
using MongoDB.Bson;
using Sacred.Mongo.Tests.Wire;
using Xunit;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>
/// The probe experiment run with <c>-m</c> against a server that answers (<see cref="FakeMongoServer"/>): the real
/// driver carries our documents over the wire, and the server holds Sacred's <c>runs</c>, <c>metrics</c> and GridFS
/// documents of a completed and of a failed run. Real processes.
/// </summary>
public sealed class FakeServerRecordingTests
{
    [Fact]
    public void A_completed_and_a_failed_run_are_recorded_through_the_driver()
    {
        using var server = new FakeMongoServer();
        var store = Programs.TempDirectory();

        var completed = Programs.Probe(null, "-m", server.Url("lab"), "--store", store);
        var failed = Programs.Probe(null, "fail", "-m", server.Url("lab"), "--store", store);

        Assert.True(completed.ExitCode == 0, completed.Stderr);
        Assert.False(completed.Stderr.Contains("cannot be reached", StringComparison.Ordinal), completed.Stderr);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.DoesNotContain("cannot be reached", failed.Stderr, StringComparison.Ordinal);
        var runs = server.Documents("lab", "runs");
        Assert.Equal([new BsonInt32(1), new BsonInt32(2)], runs.Select(r => r["_id"]));

        var run = runs[0];
        Assert.Equal("COMPLETED", run["status"].AsString);
        Assert.Equal(0.01, run["config"]["learning_rate"].AsDouble);
        Assert.Equal(3, run["config"]["points"].ToInt64());
        Assert.Equal(0.1, run["result"].AsDouble, 12);
        Assert.Equal("MongoObserver-0.7.0", run["format"].AsString);
        Assert.Contains("0xxxxxxxxxxxxxxxxxxx", run["captured_out"].AsString, StringComparison.Ordinal);
        Assert.Equal(BsonType.DateTime, run["stop_time"].BsonType);

        var metrics = server.Documents("lab", "metrics");
        var links = run["info"]["metrics"].AsBsonArray.Select(l => l.AsBsonDocument).ToDictionary(l => l["name"].AsString, l => l["id"].AsString);
        var loss = metrics.Single(m => m["_id"].AsObjectId.ToString() == links["training.loss"]);
        Assert.Equal("training.loss", loss["name"].AsString);
        Assert.Equal(1, loss["run_id"].ToInt32());
        Assert.Equal([0, 1, 2], loss["steps"].AsBsonArray.Select(s => s.ToInt32()));
        Assert.Equal([1.0, 0.5, 1.0 / 3], loss["values"].AsBsonArray.Select(v => v.AsDouble));
        Assert.Equal(3, loss["timestamps"].AsBsonArray.Count);
        var accuracy = metrics.Single(m => m["_id"].AsObjectId.ToString() == links["validation.accuracy"]);
        Assert.Equal([10], accuracy["steps"].AsBsonArray.Select(s => s.ToInt32()));

        var artifact = Assert.Single(run["artifacts"].AsBsonArray).AsBsonDocument;
        Assert.Equal("model.bin", artifact["name"].AsString);
        var artifactFile = File(server, artifact["file_id"].AsObjectId);
        Assert.Equal("artifact://runs/1/model.bin", artifactFile["filename"].AsString);
        Assert.Equal([0, 1, 2, 3], Content(server, artifact["file_id"].AsObjectId));

        var sources = run["experiment"]["sources"].AsBsonArray.Select(s => s.AsBsonArray).ToDictionary(s => s[0].AsString, s => s[1].AsObjectId);
        var probe = sources.Single(s => s.Key.EndsWith("Probe.cs", StringComparison.Ordinal));
        Assert.EndsWith("/" + probe.Key, File(server, probe.Value)["filename"].AsString, StringComparison.Ordinal);
        Assert.Contains("probe failure 42", Encoding.UTF8.GetString(Content(server, probe.Value)), StringComparison.Ordinal);

        // The build's files (project, Directory.Build.props, ...) are in GridFS as the sources are.
        var buildFiles = run["experiment"]["build"]["files"].AsBsonArray.Select(f => f.AsBsonArray).ToDictionary(f => f[0].AsString, f => f[1].AsObjectId);
        Assert.Contains("Directory.Build.props", buildFiles.Keys);
        Assert.Contains("<Project", Encoding.UTF8.GetString(Content(server, buildFiles["Directory.Build.props"])), StringComparison.Ordinal);

        var fail = runs[1];
        Assert.Equal("FAILED", fail["status"].AsString);
        Assert.Contains(fail["fail_trace"].AsBsonArray, line => line.AsString.Contains("probe failure 42", StringComparison.Ordinal));
        Assert.Equal(sources.Values.Order(), fail["experiment"]["sources"].AsBsonArray.Select(s => s[1].AsObjectId).Order());
        Assert.Equal(sources.Values.Union(buildFiles.Values).Count() + 1, server.Documents("lab", "fs.files").Count);
    }

    [Fact]
    public void A_command_the_fake_server_does_not_implement_fails_by_name()
    {
        using var server = new FakeMongoServer();
        var client = new MongoDB.Driver.MongoClient(server.Url("lab"));

        var error = Assert.Throws<MongoDB.Driver.MongoCommandException>(() => client.GetDatabase("lab").RunCommand<BsonDocument>(new BsonDocument("collMod", "runs")));

        Assert.Equal(59, error.Code);
        Assert.Contains("fake server: unsupported command collMod", error.Message, StringComparison.Ordinal);
    }

    private static BsonDocument File(FakeMongoServer server, ObjectId id) =>
        server.Documents("lab", "fs.files").Single(f => f["_id"] == id);

    private static byte[] Content(FakeMongoServer server, ObjectId id) =>
        [.. server.Documents("lab", "fs.chunks").Where(c => c["files_id"] == id).OrderBy(c => c["n"].ToInt32()).SelectMany(c => c["data"].AsByteArray)];
}
