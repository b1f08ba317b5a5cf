using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Mongo.Recording;
using Sacred.Recording;

namespace Sacred.Mongo.Tests.Documents;

/// <summary>
/// The four runs of <c>Reference/gen_mongo_ref.py</c> (completed, failed, interrupted, queued) as our runtime's
/// events, recorded through the same <see cref="MongoRunSession"/> the observer uses, into documents in memory.
/// </summary>
internal static class ReferenceRuns
{
    public const string CompletedOutput =
        "INFO - reference - Running command 'completed'\nINFO - reference - Started run with ID \"1\"\nhello from main\n"
        + "Added application/octet-stream as content-type of artifact /home/user/data/model.bin.\n"
        + "INFO - reference - Result: {'accuracy': 0.97, 'loss': 0.1}\nINFO - reference - Completed after 0:00:00\n";

    public static readonly byte[] ModelBytes = [0, 1, .. Encoding.ASCII.GetBytes("weights")];

    public static InMemoryCollections Record(string scenario, InMemoryCollections? into = null)
    {
        var database = into ?? new InMemoryCollections();
        Record(scenario, (IMongoRunDatabase)database);
        return database;
    }

    public static void Record(string scenario, IMongoRunDatabase database)
    {
        var session = new MongoRunSession(database, MongoTarget.Parse("sacred"));
        var command = scenario == "queued" ? "completed" : scenario;
        var start = Started(command, queue: scenario == "queued");
        session.Start(start, queued: scenario == "queued", MongoRunSession.GivenId(start));
        switch (scenario)
        {
            case "completed":
                session.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, Info(), null, CompletedOutput, Metrics(), IsFinal: false));
                session.Resource(new ResourceEvent("/home/user/data/data.csv", Md5("a,b\n1,2\n")));
                using (var content = new MemoryStream(ModelBytes))
                {
                    session.Artifact(new ArtifactEvent("model.bin", "/home/user/data/model.bin", "application/octet-stream", Object(("epoch", ConfigNode.From(3)))), content);
                }

                var result = Object(("accuracy", ConfigNode.From(0.97)), ("loss", ConfigNode.From(0.1)));
                session.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, Info(), result, "", [], IsFinal: true));
                session.End(new RunEndedEvent(DateTime.UtcNow, RunStatus.Completed, result, null));
                break;
            case "failed":
                session.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, Object(), null, "", [], IsFinal: true));
                session.End(new RunEndedEvent(DateTime.UtcNow, RunStatus.Failed, null, [
                    "Traceback (most recent call last):\n",
                    "  at Reference.Failed() in /home/user/exp/Reference.cs:line 78\n",
                    "System.InvalidOperationException: probe failure 42\n",
                ]));
                break;
            case "interrupted":
                session.Heartbeat(new HeartbeatEvent(DateTime.UtcNow, Object(), null, "", [], IsFinal: true));
                session.End(new RunEndedEvent(DateTime.UtcNow, RunStatus.Interrupted, null, null));
                break;
        }
    }

    public static RunStartedEvent Started(string command, bool queue)
    {
        var sourcePath = Path.Combine(AppContext.BaseDirectory, "Reference", "gen_mongo_ref.py");
        var text = File.ReadAllText(sourcePath);
        var experiment = new ExperimentInfo(
            "reference",
            "/home/user/exp",
            "gen_mongo_ref.py",
            [new SourceFileInfo("gen_mongo_ref.py", Md5(text), text)],
            [new DependencyInfo("MongoDB.Driver", "3.14.0"), new DependencyInfo("Sacred.Runtime", "1.0.0")],
            []);
        var host = new HostInfo(
            "worker-1",
            ["Linux", "Linux-6.18.44-fc-v782-x86_64-with-glibc2.36"],
            "AMD EPYC",
            null,
            "10.0.0",
            new Dictionary<string, string>(),
            new Dictionary<string, ConfigNode>());
        var seed = Random.Shared.Next(1, 1_000_000_000);
        var config = Object(
            ("batch_size", ConfigNode.From(32)),
            ("layers", ConfigNode.FromList(new[] { ConfigNode.From(64), ConfigNode.From(64) }, n => n)),
            ("learning_rate", ConfigNode.From(0.2)),
            ("model", Object(("depth", ConfigNode.From(2)), ("width", ConfigNode.From(8)))),
            ("note", ConfigNode.Null),
            ("optimizer", ConfigNode.From("adam")),
            ("seed", ConfigNode.From(seed)));
        var options = new ConfigObjectBuilder();
        foreach (var (key, value) in new RunOptions { Comment = "reference run", BeatInterval = 0.1, Queue = queue, Command = command }.ToMeta())
        {
            options.Add(key, value);
        }

        var meta = new MetaInfo(command, options.Build(), "reference run", [], Object(("learning_rate", ConfigNode.From(0.2))), null);
        return new RunStartedEvent(null, command, experiment, host, DateTime.UtcNow, config, new ConfigModifications(["learning_rate"], [], []), meta, seed);
    }

    private static ConfigNode Info() => Object(
        ("nested", Object(("a", ConfigNode.FromList(new[] { ConfigNode.From(1), ConfigNode.From(2.5), ConfigNode.From("x") }, n => n)))),
        ("notes", ConfigNode.From("warm start")));

    private static List<MetricBatch> Metrics()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return
        [
            new MetricBatch("training.loss", new long[] { 0, 1, 2 }, new[] { 1.0, 0.5, 1.0 / 3 }, new[] { now, now, now }),
            new MetricBatch("validation.accuracy", new long[] { 10, 11 }, new[] { 0.5, 0.75 }, new[] { now, now }),
        ];
    }

    private static ConfigNode Object(params (string Key, ConfigNode Value)[] members)
    {
        var builder = new ConfigObjectBuilder();
        foreach (var (key, value) in members)
        {
            builder.Add(key, value);
        }

        return builder.Build();
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
