using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using Sacred.Generated;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Storage;
using Sacred.Storage.Curation;
using Sacred.Storage.Reading;
using Xunit;
using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

/// <summary>
/// Schema v5: a build is stored once per store under its hash, each run refers to it, and runs recorded at v4 (build
/// files as <c>build:</c> rows of <c>run_sources</c>) still read the same after the upgrade.
/// </summary>
public sealed class StoreVersion5Tests
{
    private static readonly ExperimentBuild s_build = new(
        "/home/u/repo",
        "proj/Demo.csproj",
        "net10.0",
        "10.0.401",
        [
            new SourceFileInfo("Directory.Build.props", "md5-props", "<Project />"),
            new SourceFileInfo("global.json", "md5-global", "{ \"sdk\": { \"version\": \"10.0.100\" } }"),
            new SourceFileInfo("proj/Demo.csproj", "md5-csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />"),
        ],
        [new DependencyInfo("Microsoft.Data.Sqlite", "11.0.0")],
        ["lib/Lib.csproj"]);

    private static SqliteConnection Open(string directory)
    {
        var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(directory, "runs.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private static long Scalar(string directory, string sql)
    {
        using var connection = Open(directory);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A run start as a compiled experiment makes it: the build known by its hash, made only when asked for.</summary>
    private static RunStartedEvent StartedWith(ExperimentBuild build, Action made)
    {
        var started = Started();
        var experiment = started.Experiment;
        var sources = new ExperimentSources(experiment.BaseDirectory, experiment.MainFile, experiment.Sources, experiment.Dependencies, build.ComputeHash(), () =>
        {
            made();
            return build;
        });
        return started with { Experiment = experiment.WithBuildOf(sources) };
    }

    private static void Record(string directory, RunStartedEvent run)
    {
        var observer = OpenObserver(directory);
        observer.StartedEvent(run);
        observer.EndedEvent(new RunEndedEvent(Start.AddSeconds(1), RunStatus.Completed, null, null));
        observer.Close();
    }

    [Fact]
    public void Two_runs_of_one_build_store_it_once_and_the_second_start_only_looks_it_up()
    {
        using var temp = new TempFiles();
        var made = 0;
        Record(temp.Directory, StartedWith(s_build, () => made++));
        Assert.Equal(1, made);
        Record(temp.Directory, StartedWith(s_build, () => made++));

        // The second start found the hash stored and never made the build's record.
        Assert.Equal(1, made);
        Assert.Equal(1, Scalar(temp.Directory, "SELECT COUNT(*) FROM builds;"));
        Assert.Equal(3, Scalar(temp.Directory, "SELECT COUNT(*) FROM build_files;"));
        Assert.Equal(0, Scalar(temp.Directory, "SELECT COUNT(*) FROM run_sources WHERE path LIKE 'build:%';"));
        Assert.Equal(2, Scalar(temp.Directory, $"SELECT COUNT(*) FROM run_records WHERE build_hash = '{s_build.ComputeHash()}';"));

        using var store = RunStore.Open(temp.Directory);
        var first = store.GetRun(1)!.Experiment.Build;
        var second = store.GetRun(2)!.Experiment.Build;
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(s_build.ComputeHash(), first.Hash);
        Assert.Equal(first.Files, second.Files);
        Assert.Equal(s_build.Files.Select(f => f.Path), second.Files.Select(f => f.Path));
        Assert.Equal(s_build.Files.Select(f => f.Text), second.Files.Select(f => store.ReadText(f.Hash)));
        Assert.Equal("proj/Demo.csproj", second.ProjectPath);
        Assert.Equal("net10.0", second.TargetFramework);
        Assert.Equal("10.0.401", second.SdkVersion);
        Assert.Equal("/home/u/repo", second.RepositoryRoot);
        Assert.Equal(s_build.Packages, second.Packages);
        Assert.Equal(["lib/Lib.csproj"], second.ProjectReferences);
    }

    [Fact]
    public void A_changed_build_file_is_a_second_build_and_deleting_runs_keeps_the_builds_files()
    {
        using var temp = new TempFiles();
        var changed = s_build with { Files = [.. s_build.Files.Take(2), new SourceFileInfo("proj/Demo.csproj", "md5-csproj-2", "<Project Sdk=\"Microsoft.NET.Sdk.Web\" />")] };
        Record(temp.Directory, StartedWith(s_build, () => { }));
        Record(temp.Directory, StartedWith(changed, () => { }));

        Assert.Equal(2, Scalar(temp.Directory, "SELECT COUNT(*) FROM builds;"));
        using (var store = RunStore.Open(temp.Directory))
        {
            Assert.Equal("<Project Sdk=\"Microsoft.NET.Sdk.Web\" />", store.ReadText(store.GetRun(2)!.Experiment.Build!.Files.Single(f => f.Path == "proj/Demo.csproj").Hash));
            Assert.Equal("<Project Sdk=\"Microsoft.NET.Sdk\" />", store.ReadText(store.GetRun(1)!.Experiment.Build!.Files.Single(f => f.Path == "proj/Demo.csproj").Hash));
        }

        // A build outlives its runs: a later run of the same binary finds it stored.
        var plan = RunCuration.Open(temp.Directory).PlanDeletion([1, 2]);
        var buildFileHashes = new HashSet<string>(StringComparer.Ordinal);
        using (var connection = Open(temp.Directory))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT file_hash FROM build_files;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                buildFileHashes.Add(reader.GetString(0));
            }
        }

        Assert.Equal(2, plan.Runs.Count);
        Assert.DoesNotContain(plan.FilesFreed, file => buildFileHashes.Contains(file.Hash));
    }

    [Fact]
    public void A_version_4_store_with_build_rows_is_upgraded_and_its_run_still_reads_its_build()
    {
        using var temp = new TempFiles();
        var run = Started() with { Experiment = Started().Experiment with { Build = s_build } };
        using (var connection = StoreDatabase.OpenForWriting(temp.Directory, [.. StoreSchema.Migrations.Take(4)]))
        {
            // A run as the v4 writer recorded it: experiment.build with its [path, md5] files, the texts in files/,
            // and each build file a run_sources row under 'build:'.
            var files = new ContentStore(temp.Directory);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO runs (id, experiment_name, command, status, start_time, stop_time, seed)
                VALUES (1, 'mnist', 'train', 'COMPLETED', 1, 2, 7);
                INSERT INTO run_records (run_id, config, modifications, meta, host, experiment)
                VALUES (1, '{}', $modifications, $meta, $host, $experiment);
                """;
            command.Parameters.AddWithValue("$modifications", StoredJson.Write(RunRecordMapping.Modifications(run.Modifications)));
            command.Parameters.AddWithValue("$meta", StoredJson.Write(RunRecordMapping.Meta(run.Meta)));
            command.Parameters.AddWithValue("$host", StoredJson.Write(RunRecordMapping.Host(run.Host)));
            command.Parameters.AddWithValue("$experiment", StoredJson.Write(RunRecordMapping.Experiment(run.Experiment, source => ConfigNode.From(source.Md5))));
            command.ExecuteNonQuery();
            command.Parameters.Clear();
            command.CommandText = "INSERT INTO run_sources (run_id, path, md5, file_hash) VALUES (1, $path, $md5, $hash);";
            var path = command.Parameters.Add("$path", SqliteType.Text);
            var md5 = command.Parameters.Add("$md5", SqliteType.Text);
            var hash = command.Parameters.Add("$hash", SqliteType.Text);
            foreach (var (file, prefix) in run.Experiment.Sources.Select(f => (f, "")).Concat(s_build.Files.Select(f => (f, StoreLayout.BuildFilePathPrefix))))
            {
                path.Value = prefix + file.Path;
                md5.Value = file.Md5;
                hash.Value = files.Put(System.Text.Encoding.UTF8.GetBytes(file.Text));
                command.ExecuteNonQuery();
            }
        }

        Assert.Equal(4, Scalar(temp.Directory, "PRAGMA user_version;"));
        using (var store = RunStore.Open(temp.Directory))
        {
            var old = store.GetRun(1)!.Experiment;
            Assert.Equal(StoreSchema.CurrentVersion, Scalar(temp.Directory, "PRAGMA user_version;"));
            Assert.Equal(["Mnist.cs", "Net/Model.cs"], old.Sources.Select(s => s.Path));
            Assert.NotNull(old.Build);
            Assert.Null(old.Build.Hash);
            Assert.Equal(s_build.Files.Select(f => f.Path), old.Build.Files.Select(f => f.Path));
            Assert.Equal(s_build.Files.Select(f => f.Text), old.Build.Files.Select(f => store.ReadText(f.Hash)));
            Assert.Equal(s_build.Packages, old.Build.Packages);
            Assert.Equal("proj/Demo.csproj", old.Build.ProjectPath);
        }

        // A new run of the same build into the upgraded store stores the build once, beside the old run's rows.
        Record(temp.Directory, StartedWith(s_build, () => { }));
        using var upgraded = RunStore.Open(temp.Directory);
        Assert.Equal(1, Scalar(temp.Directory, "SELECT COUNT(*) FROM builds;"));
        Assert.Equal(
            upgraded.GetRun(1)!.Experiment.Build!.Files.Select(f => (f.Path, f.Md5, f.Hash)),
            upgraded.GetRun(2)!.Experiment.Build!.Files.Select(f => (f.Path, f.Md5, f.Hash)));
    }
}
