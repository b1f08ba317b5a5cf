using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>
/// What a QuickStart run carries for a rebuild (sacred rerun), recorded at compile time and stored with the run:
/// its project file, the repository's props/targets and global.json, its config files, the referenced projects'
/// files, the exact package versions restored, the target framework and the SDK.
/// </summary>
public sealed class BuildRecordTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-build-record-" + Guid.NewGuid().ToString("N"));

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

    [Fact]
    public void A_quickstart_run_records_its_build_files_packages_and_framework_in_the_store_and_in_file_storage()
    {
        var store = Path.Combine(_root, "store");
        var files = Path.Combine(_root, "files");
        var outcome = Processes.Run(
            "dotnet",
            [Processes.QuickStartDll(), "with", "steps=5", "samples=32", "--store", store, "-F", files],
            Path.GetTempPath());
        Assert.Equal(0, outcome.ExitCode);

        using var reader = RunStore.Open(store);
        var run = reader.GetRun(Assert.Single(reader.ListRuns(new RunQuery()).Runs).Id)!;
        var build = run.Experiment.Build;
        Assert.NotNull(build);
        Assert.Equal("samples/QuickStart/QuickStart.csproj", build.ProjectPath);
        Assert.Equal("net10.0", build.TargetFramework);
        Assert.Matches(@"^10\.\d+\.\d+", build.SdkVersion);
        Assert.Equal(Processes.RepositoryRoot().TrimEnd('/'), build.RepositoryRoot);
        Assert.Contains(new Generated.DependencyInfo("Microsoft.Data.Sqlite", "11.0.0"), build.Packages);
        Assert.Equal(["Sacred.Generator/Sacred.Generator.csproj", "Sacred.Runtime/Sacred.Runtime.csproj"], build.ProjectReferences);

        // Each recorded file is the file as it is in the repository (the tests build from this tree).
        string[] expected =
        [
            "samples/QuickStart/QuickStart.csproj", "samples/QuickStart/experiment.json", "samples/QuickStart/tiny.json",
            "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json",
            "Sacred.Runtime/Sacred.Runtime.csproj", "Sacred.Runtime/Run.cs", "Sacred.Runtime/Package/Sacred.BuildInputs.targets",
            "Sacred.Generator/Sacred.Generator.csproj", "Sacred.Generator/SacredGenerator.cs", "Sacred.Generator/AnalyzerReleases.Shipped.md",
        ];
        foreach (var path in expected)
        {
            var file = build.Files.SingleOrDefault(f => f.Path == path);
            Assert.True(file is not null, $"{path} is not recorded");
            Assert.Equal(File.ReadAllText(Path.Combine(Processes.RepositoryRoot(), path)), reader.ReadText(file.Hash));
        }

        // Build output is rebuilt, not recorded; the experiment's own sources stay in the sources.
        Assert.DoesNotContain(build.Files, f => f.Path.Split('/').Contains("obj") || f.Path.Split('/').Contains("bin"));
        Assert.DoesNotContain(run.Experiment.Sources, s => s.Path.StartsWith("build:", StringComparison.Ordinal));
        Assert.Contains(run.Experiment.Sources, s => s.Path == "Program.cs");

        // -F: as Sacred stores sources, under _sources/, referenced from run.json's experiment.build.files.
        var runJson = File.ReadAllText(Path.Combine(files, "1", "run.json"));
        Assert.Contains("\"build\"", runJson);
        Assert.Contains("\"target_framework\": \"net10.0\"", runJson);
        Assert.Contains("\"Microsoft.Data.Sqlite==11.0.0\"", runJson);
        Assert.Contains("\"samples/QuickStart/QuickStart.csproj\",", runJson);
        Assert.Contains(Directory.GetFiles(Path.Combine(files, "_sources")), f => Path.GetFileName(f).StartsWith("QuickStart_", StringComparison.Ordinal) && f.EndsWith(".csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_runs_of_one_binary_store_its_build_once_under_the_hash_the_generator_computed()
    {
        var store = Path.Combine(_root, "store");
        for (var i = 0; i < 2; i++)
        {
            var outcome = Processes.Run("dotnet", [Processes.QuickStartDll(), "with", "steps=2", "samples=16", "--store", store], Path.GetTempPath());
            Assert.Equal(0, outcome.ExitCode);
        }

        using var reader = RunStore.Open(store);
        var runs = reader.ListRuns(new RunQuery()).Runs;
        Assert.Equal(2, runs.Count);
        var first = reader.GetRun(runs[0].Id)!.Experiment.Build!;
        var second = reader.GetRun(runs[1].Id)!.Experiment.Build!;
        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(first.Files, second.Files);

        // The hash names exactly what is stored: recomputed from the stored files, packages and framework, it is the
        // one the generator computed at compile time.
        var rebuilt = new Generated.ExperimentBuild(
            first.RepositoryRoot,
            first.ProjectPath,
            first.TargetFramework,
            first.SdkVersion,
            [.. first.Files.Select(f => new Generated.SourceFileInfo(f.Path, f.Md5, reader.ReadText(f.Hash)))],
            first.Packages,
            first.ProjectReferences);
        Assert.Equal(rebuilt.ComputeHash(), first.Hash);

        using var connection = new SqliteConnection($"Data Source={Path.Combine(store, "runs.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM builds), (SELECT COUNT(*) FROM build_files), (SELECT COUNT(*) FROM run_sources WHERE path LIKE 'build:%');";
        using var counts = command.ExecuteReader();
        Assert.True(counts.Read());
        Assert.Equal(1, counts.GetInt64(0));
        Assert.Equal(first.Files.Count, counts.GetInt64(1));
        Assert.Equal(0, counts.GetInt64(2));
    }

    [Fact]
    public void Print_dependencies_shows_the_build()
    {
        var outcome = Processes.Run("dotnet", [Processes.QuickStartDll(), "print_dependencies"], Path.GetTempPath());

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Build: samples/QuickStart/QuickStart.csproj (net10.0, SDK ", outcome.Stdout);
        Assert.Matches(@"\n    Microsoft\.Data\.Sqlite +== 11\.0\.0\n", outcome.Stdout);
        Assert.Contains("\n    Sacred.Runtime/Sacred.Runtime.csproj\n", outcome.Stdout);
        Assert.Matches(@"\n    global\.json +[0-9a-f]{32}\n", outcome.Stdout);
    }
}
