using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MongoDB.Bson;
using Sacred.Metrics;
using Sacred.Mongo.Documents;
using Sacred.Mongo.Recording;
using Sacred.Recording;
using Xunit;

namespace Sacred.Mongo.Tests.Documents;

/// <summary>
/// Long output and long metric series never make a document near MongoDB's 16 MB limit, and nothing is lost: the
/// run document keeps the tail of the output (what Omniboard shows), the whole output reads back from the
/// <c>captured_out</c> collection, and every metric point from the metric documents, in order.
/// </summary>
public sealed class SixteenMegabyteTests
{
    private const int MongoLimit = 16 * 1024 * 1024;

    [Fact]
    public void Forty_million_characters_of_output_and_a_million_points_fit_and_read_back_whole()
    {
        var database = new InMemoryCollections();
        var session = new MongoRunSession(database, MongoTarget.Parse("sacred"));
        var start = ReferenceRunsStart();
        var id = session.Start(start, queued: false, null);
        var output = new StringBuilder();
        for (var beat = 0; beat < 40; beat++)
        {
            var text = string.Concat(Enumerable.Range(0, 10_000).Select(i => $"beat {beat,2} line {i,5} ü€ {new string('x', 80)}\n"));
            output.Append(text);
            var steps = Enumerable.Range(beat * 25_000, 25_000).Select(i => (long)i).ToArray();
            session.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, new Sacred.Generated.ConfigObjectBuilder().Build(), null, text, [Batch("loss", steps)], IsFinal: beat == 39));
        }

        session.End(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, null, null));

        Assert.True(output.Length > 40_000_000);
        foreach (var name in database.Names)
        {
            Assert.All(database[name], document => Assert.True(document.ToBson().Length < MongoLimit / 2, $"{name}: {document.ToBson().Length} bytes"));
        }

        var run = database["runs"].Single();
        var tail = run["captured_out"].AsString;
        Assert.StartsWith($"[sacred: the output is {output.Length} characters long; this is its tail; all of it is in the captured_out collection]\n", tail, StringComparison.Ordinal);
        Assert.EndsWith(output.ToString()[^100_000..], tail, StringComparison.Ordinal);
        var full = string.Concat(database["captured_out"].Where(d => d["run_id"] == id).OrderBy(d => d["seq"].AsInt32).Select(d => d["text"].AsString));
        Assert.Equal(output.ToString(), full);

        var metrics = database["metrics"].Where(d => d["run_id"] == id && d["name"] == "loss").ToList();
        Assert.Equal(Enumerable.Range(0, 1_000_000).Select(i => (long)i), metrics.SelectMany(d => d["steps"].AsBsonArray.Select(s => s.ToInt64())));
        var links = run["info"]["metrics"].AsBsonArray.Select(l => l["id"].AsString).ToList();
        Assert.Equal(metrics.Select(m => m["_id"].AsObjectId.ToString()), links);
        Assert.Equal(1_000_000 / MetricDocuments.MaxPointsPerDocument, metrics.Count);
    }

    [Fact]
    public void Output_that_fits_stays_whole_in_captured_out_as_Sacred_writes_it()
    {
        var output = new CapturedOutput();
        var pieces = output.Append("hello\n", 1).Concat(output.Append(new string('y', CapturedOutput.TailChars - 6), 1)).ToList();

        Assert.Empty(pieces);
        Assert.Equal("hello\n" + new string('y', CapturedOutput.TailChars - 6), output.Value);
    }

    [Fact]
    public void A_heartbeat_pushes_only_the_new_points()
    {
        var metrics = new MetricDocuments("metrics", maxPointsPerDocument: 5);
        var writes = new List<MongoWrite>();

        metrics.Add(Batch("loss", [0, 1, 2]), 7, writes);
        metrics.Add(Batch("loss", [3, 4, 5, 6]), 7, writes);

        var insert = Assert.IsType<InsertOne>(writes[0]);
        Assert.Equal(new BsonArray { 0, 1, 2 }, insert.Document["steps"]);
        var push = Assert.IsType<UpdateOne>(writes[1]);
        Assert.Equal(insert.Document["_id"], push.Id);
        Assert.Equal(new BsonArray { 3, 4 }, push.Update["$push"]["steps"]["$each"]);
        var next = Assert.IsType<InsertOne>(writes[2]);
        Assert.Equal(new BsonArray { 5, 6 }, next.Document["steps"]);
        Assert.Equal(3, writes.Count);
        Assert.Equal(2, metrics.Links.Count);
    }

    private static MetricBatch Batch(string name, long[] steps) =>
        new(name, steps, steps.Select(s => s * 0.5).ToArray(), steps.Select(_ => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToArray());

    private static RunStartedEvent ReferenceRunsStart() => ReferenceRuns.Started("completed", queue: false);
}
