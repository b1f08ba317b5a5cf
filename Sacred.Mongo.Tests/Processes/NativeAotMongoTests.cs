using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MongoDB.Bson;
using Sacred.Mongo.Tests.Wire;
using Xunit;
using Xunit.Abstractions;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>
/// The probe experiment published with Native AOT records to MongoDB (<see cref="FakeMongoServer"/>) exactly what its
/// JIT build records: the same documents in every collection, field by field and type by type, and the same commands.
/// The publish (minutes on this machine) is made once for the class, into a private folder.
/// </summary>
public sealed partial class NativeAotMongoTests : IClassFixture<NativeAotMongoTests.PublishedProbe>
{
    /// <summary>The driver's own warnings, one of each per assembly: its trim and AOT analysis (README, Recording to MongoDB).</summary>
    private static readonly string[] s_allowedWarnings =
    [
        "IL2104 MongoDB.Driver", "IL3053 MongoDB.Driver",
        "IL2104 MongoDB.Bson", "IL3053 MongoDB.Bson",
    ];

    private readonly PublishedProbe _published;
    private readonly ITestOutputHelper _output;

    public NativeAotMongoTests(PublishedProbe published, ITestOutputHelper output)
    {
        _published = published;
        _output = output;
    }

    [Fact]
    public void Publish_warns_only_of_the_drivers_listed_assemblies()
    {
        var log = _published.Publish.Stdout + _published.Publish.Stderr;
        Assert.True(_published.Publish.ExitCode == 0, log);
        var warnings = WarningLine().Matches(log).Select(m => m.Groups["code"].Value + " " + m.Groups["assembly"].Value).Distinct().ToList();
        var others = log.Split('\n').Where(l => l.Contains(": warning ", StringComparison.Ordinal) && !WarningLine().IsMatch(l)).ToList();

        Assert.Empty(others);
        Assert.Empty(warnings.Except(s_allowedWarnings));
        Assert.True(File.Exists(_published.Executable));
    }

    [Fact]
    public void The_native_binary_records_the_same_documents_and_commands_as_the_jit_binary()
    {
        var jit = Record(store => Programs.Probe(null, ["-m", store.Url, "--store", store.Folder]), store => Programs.Probe(null, ["fail", "-m", store.Url, "--store", store.Folder]));
        var aot = Record(store => Programs.Native(_published.Executable, ["-m", store.Url, "--store", store.Folder]), store => Programs.Native(_published.Executable, ["fail", "-m", store.Url, "--store", store.Folder]));

        Assert.Equal(["fs.chunks", "fs.files", "metrics", "runs", "sacred_sync"], jit.Collections.Keys.Order(StringComparer.Ordinal));
        var differences = RecordedDatabaseComparison.Differences(jit, aot);
        Assert.True(differences.Count == 0, "the AOT binary's documents differ from the JIT binary's:\n" + string.Join("\n", differences));
        Assert.True(jit.Commands.SetEquals(aot.Commands), $"commands only the JIT binary sent: {string.Join(", ", jit.Commands.Except(aot.Commands))}; only the AOT binary: {string.Join(", ", aot.Commands.Except(jit.Commands))}");
        _output.WriteLine("commands: " + string.Join(", ", jit.Commands.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void The_native_worker_runs_a_run_the_jit_binary_queued_in_place()
    {
        using var server = new FakeMongoServer();
        var url = server.Url("lab");

        var queued = Programs.Probe(null, "-q", "-m", url, "with", "points=5", "--store", Programs.TempDirectory());
        var worker = Programs.Native(_published.Executable, "worker", "-m", url, "--store", Programs.TempDirectory(), "--exit-when-empty");

        Assert.True(queued.ExitCode == 0, queued.Stderr);
        Assert.True(worker.ExitCode == 0, worker.Stderr);
        var run = Assert.Single(server.Documents("lab", "runs"));
        Assert.Equal(new BsonInt32(1), run["_id"]);
        Assert.Equal("COMPLETED", run["status"].AsString);
        Assert.Equal(5, run["config"]["points"].ToInt64());
        Assert.Equal(1, run["attempts"].ToInt32());
        Assert.StartsWith(Environment.MachineName + ":", run["worker"].AsString, StringComparison.Ordinal);
        var loss = server.Documents("lab", "metrics").Single(m => m["name"] == "training.loss" && m["run_id"] == 1);
        Assert.Equal(5, loss["values"].AsBsonArray.Count);
    }

    private static RecordedDatabase Record(params Func<(string Url, string Folder), ProcessOutcome>[] runs)
    {
        using var server = new FakeMongoServer();
        var store = (server.Url("lab"), Programs.TempDirectory());
        foreach (var run in runs)
        {
            var outcome = run(store);
            Assert.DoesNotContain("cannot be reached", outcome.Stderr, StringComparison.Ordinal);
        }

        return RecordedDatabase.Of(server, "lab");
    }

    // e.g. "ILC : Trim analysis warning IL2104: Assembly 'MongoDB.Driver' produced trim warnings." / "warning IL3053: Assembly 'MongoDB.Bson' produced AOT analysis warnings."
    [GeneratedRegex(@"warning (?<code>IL\d+): Assembly '(?<assembly>[^']+)' produced")]
    private static partial Regex WarningLine();

    /// <summary>Publishes the probe with Native AOT once for the class, into a private folder; the regular build output is untouched.</summary>
    public sealed class PublishedProbe : IDisposable
    {
        private readonly string _root = Programs.TempDirectory();

        // PublishAot is set in the probe's project: given on the command line it would reach the generator's
        // netstandard2.0 project too, which cannot be compiled ahead of time (NETSDK1207).
        public PublishedProbe()
        {
            var project = Path.Combine(Programs.RepositoryRoot(), "tests", "fixtures", "MongoProbe", "MongoProbe.csproj");
            Publish = Programs.Dotnet(
                TimeSpan.FromMinutes(8),
                "publish", project, "-c", "Release", "-r", "linux-x64",
                "--artifacts-path", Path.Combine(_root, "artifacts"), "-o", Path.Combine(_root, "out"), "-nologo");
            Executable = Path.Combine(_root, "out", "mongoprobe");
        }

        public ProcessOutcome Publish { get; }

        public string Executable { get; }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
