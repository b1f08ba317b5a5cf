using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sacred.Generated;
using Sacred.Recording;
using Sacred.Runtime.Tests.Fakes;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Runtime.Tests.Recording;

/// <summary>
/// One run recorded by a real command line into the embedded store and into <c>-F</c> at once, both read back:
/// the two stores hold the same record, field by field, because both write it through the one mapping.
/// </summary>
public sealed class RunRecordAgreementTests : IDisposable
{
    private readonly TempFiles _files = new();

    private string Store => Path.Combine(_files.Directory, "store");

    private string FileStorage => Path.Combine(_files.Directory, "runs");

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_completed_run_is_the_same_in_the_embedded_store_and_in_file_storage()
    {
        var data = _files.Write("data.csv", "a,b\n1,2\n");
        var model = _files.Write("model.txt", "weights");
        var experiment = new FakeExperiment { BaseDirectory = AppContext.BaseDirectory };
        experiment.Handlers["train"] = (state, run) =>
        {
            run.Info["notes"] = ConfigNode.From("warm start");
            run.Info["nested"] = ConfigNode.FromList([1.0, 2.5], ConfigNode.From);
            run.AddResource(data);
            run.AddArtifact(model, metadata: ConfigNode.From("best"));
            run.LogScalar("loss", 0.25);
            return ConfigNode.From(state.LearningRate * state.BatchSize);
        };

        var exitCode = Record(experiment, "with", "fast", "batch_size=16", "model.depth=3", "-c", "reference run", "-P", "2");

        Assert.Equal(0, exitCode);
        var (detail, fs, id) = ReadBoth();
        Assert.Equal(RunStatus.Completed, detail.Summary.Status);
        Assert.Equal(ConfigNode.From(0.01 * 16), detail.Summary.Result);
        AssertAgree(detail, fs, id);
        Assert.Equal("reference run", fs.Get("meta.comment")!.StringValue);
        Assert.Equal(2.0, fs.Get("meta.priority")!.FloatValue);
    }

    [Fact]
    public void A_failed_run_without_comment_or_priority_is_the_same_in_both_stores()
    {
        var experiment = new FakeExperiment { BaseDirectory = AppContext.BaseDirectory };
        experiment.Handlers["train"] = (state, run) =>
        {
            run.Result = ConfigNode.From("halfway");
            throw new InvalidOperationException("probe failure 42");
        };

        var exitCode = Record(experiment);

        Assert.Equal(1, exitCode);
        var (detail, fs, id) = ReadBoth();
        Assert.Equal(RunStatus.Failed, detail.Summary.Status);
        Assert.Contains(detail.FailTrace!, line => line.Contains("probe failure 42", StringComparison.Ordinal));
        AssertAgree(detail, fs, id);

        // As Sacred writes them: no comment or priority key when none was given, no gpus without nvidia-smi.
        Assert.Null(fs.Get("meta.comment"));
        Assert.Null(fs.Get("meta.priority"));
        Assert.Null(StoredColumn(id, "meta").Get("comment"));
        Assert.Null(StoredColumn(id, "meta").Get("priority"));
        Assert.Equal(fs.Get("host")!.Get("gpus"), StoredColumn(id, "host").Get("gpus"));
    }

    private int Record(FakeExperiment experiment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        return ExperimentHost.Run(experiment, ["train", .. args, "--store", Store, "-F", FileStorage], stdout, stderr);
    }

    private (RunDetail Detail, ConfigNode RunJson, string Id) ReadBoth()
    {
        using var store = RunStore.Open(Store);
        var summary = Assert.Single(store.ListRuns(new RunQuery()).Runs);
        var detail = store.GetRun(summary.Id)!;
        var id = Path.GetFileName(Assert.Single(Directory.GetDirectories(FileStorage), d => !Path.GetFileName(d).StartsWith('_')));
        Assert.Equal(summary.Id.ToString(CultureInfo.InvariantCulture), id);
        return (detail, Json(Path.Combine(FileStorage, id, "run.json")), id);
    }

    private void AssertAgree(RunDetail detail, ConfigNode fs, string id)
    {
        var runDirectory = Path.Combine(FileStorage, id);

        // The documents each store keeps: the same trees, except how a source refers to its stored copy.
        Assert.Equal(fs.Get("meta"), StoredColumn(id, "meta"));
        Assert.Equal(fs.Get("host"), StoredColumn(id, "host"));
        Assert.Equal(WithoutSourceReferences(fs.Get("experiment")!), WithoutSourceReferences(StoredColumn(id, "experiment")));

        Assert.Equal(Json(Path.Combine(runDirectory, "config.json")), detail.Config);
        Assert.Equal(fs.Get("command")!.StringValue, detail.Summary.Command);
        Assert.Equal(fs.Get("status")!.StringValue, detail.Summary.Status);
        Assert.Equal(fs.Get("result"), detail.Summary.Result ?? ConfigNode.Null);
        Assert.Equal(
            fs.Get("fail_trace")?.Items.Select(line => line.StringValue),
            detail.FailTrace?.AsEnumerable());
        Assert.Equal(
            File.Exists(Path.Combine(runDirectory, "info.json")) ? Json(Path.Combine(runDirectory, "info.json")) : new ConfigObjectBuilder().Build(),
            detail.Info);

        var experiment = RunRecordMapping.ReadExperiment(fs.Get("experiment")!);
        Assert.Equal(experiment.Name, detail.Experiment.Name);
        Assert.Equal(experiment.BaseDirectory, detail.Experiment.BaseDirectory);
        Assert.Equal(experiment.MainFile, detail.Experiment.MainFile);
        Assert.Equal(experiment.Dependencies, detail.Experiment.Dependencies);
        Assert.Equal(experiment.Repositories, detail.Experiment.Repositories);
        Assert.NotEmpty(detail.Experiment.Repositories);
        Assert.Equal(experiment.Sources.Select(s => s.Key), detail.Experiment.Sources.Select(s => s.Path));
        using (var store = RunStore.Open(Store))
        {
            foreach (var (source, (_, storedPath)) in detail.Experiment.Sources.Zip(experiment.Sources))
            {
                var copy = File.ReadAllText(Path.Combine(FileStorage, storedPath.StringValue));
                Assert.Equal(store.ReadText(source.Hash), copy);
                Assert.Contains("_" + source.Md5, Path.GetFileName(storedPath.StringValue), StringComparison.Ordinal);
            }
        }

        var host = RunRecordMapping.ReadHost(fs.Get("host")!);
        Assert.Equal(host.Hostname, detail.Host.Hostname);
        Assert.Equal(host.Os, detail.Host.Os);
        Assert.Equal(host.Cpu, detail.Host.Cpu);
        Assert.Equal(host.Gpus, detail.Host.Gpus);
        Assert.Equal(host.DotnetVersion, detail.Host.DotnetVersion);
        Assert.Equal(host.Environment, detail.Host.Environment);
        Assert.Equal(host.Extra, detail.Host.Extra);

        var meta = RunRecordMapping.ReadMeta(fs.Get("meta")!);
        Assert.Equal(meta.Command, detail.Meta.Command);
        Assert.Equal(meta.Options, detail.Meta.Options);
        Assert.Equal(meta.Comment, detail.Meta.Comment);
        Assert.Equal(meta.NamedConfigs, detail.Meta.NamedConfigs);
        Assert.Equal(meta.ConfigUpdates, detail.Meta.ConfigUpdates);
        Assert.Equal(meta.Priority, detail.Meta.Priority);
        Assert.Equal(meta.Comment, detail.Summary.Comment);

        Assert.Equal(fs.Get("artifacts")!.Items.Select(a => a.StringValue), detail.Artifacts.Select(a => a.Name));
        foreach (var artifact in detail.Artifacts)
        {
            Assert.Equal(artifact.Hash, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(runDirectory, artifact.Name)))));
        }

        Assert.Equal(fs.Get("resources")!.Items.Select(r => r.Items[0].StringValue), detail.Resources.Select(r => r.Path));
        foreach (var (resource, entry) in detail.Resources.Zip(fs.Get("resources")!.Items))
        {
            Assert.Equal(resource.Md5, Md5(entry.Items[1].StringValue));
        }

        Assert.Equal(Time(fs, "start_time"), detail.Summary.StartTime);
        Assert.Equal(Time(fs, "stop_time"), detail.Summary.StopTime);
        Assert.Equal(Time(fs, "heartbeat"), detail.Summary.Heartbeat);
    }

    /// <summary>One JSON column of the run's row in the embedded store, as stored.</summary>
    private ConfigNode StoredColumn(string id, string column)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Store, "runs.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM run_records WHERE run_id = $id;";
        command.Parameters.AddWithValue("$id", long.Parse(id, CultureInfo.InvariantCulture));
        using var document = JsonDocument.Parse((string)command.ExecuteScalar()!);
        return ConfigNode.FromJson(document.RootElement);
    }

    private static ConfigNode WithoutSourceReferences(ConfigNode experiment) =>
        experiment.WithValue("sources", ConfigNode.FromList(experiment.Get("sources")!.Items, pair => pair.Items[0]));

    /// <summary>A run.json time (isoformat of naive UTC, microseconds) at the store's millisecond precision.</summary>
    private static DateTime? Time(ConfigNode fs, string key)
    {
        var parsed = DateTime.ParseExact(fs.Get(key)!.StringValue, ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.ffffff"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return new DateTime(parsed.Ticks - (parsed.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private static string Md5(string path) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path)));

    private static ConfigNode Json(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return ConfigNode.FromJson(document.RootElement);
    }
}
