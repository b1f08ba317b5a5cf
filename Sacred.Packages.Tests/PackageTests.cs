using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Packages.Tests;

/// <summary>
/// The packages as a user meets them, outside the repository: <c>dotnet new sacred</c>, build, run, a misspelled
/// key, a Native AOT publish, and the <c>sacred</c> tool installed from the feed.
/// </summary>
public sealed partial class PackageTests(PackagedProject project) : IClassFixture<PackagedProject>
{
    [Fact]
    public void Template_project_builds_runs_and_records_its_config_files_and_named_config()
    {
        var store = Path.Combine(project.Root, "store-run");

        var run = project.Run(project.BuiltExperiment, project.ProjectFolder, "with", "quick", "--store", store);

        Assert.True(run.ExitCode == 0, run.Both);
        using var runs = RunStore.Open(store);
        var summary = Assert.Single(runs.ListRuns(new RunQuery()).Runs);
        Assert.Equal("COMPLETED", summary.Status);
        Assert.Equal("demo", summary.Experiment);
        var detail = runs.GetRun(summary.Id)!;
        Assert.Equal(20, detail.Config.Get("steps")!.IntegerValue);              // quick.json, the named config
        Assert.Equal(0.1, detail.Config.Get("learning_rate")!.FloatValue);        // experiment.json, the [ConfigFile]
        Assert.Equal(512, detail.Config.Get("samples")!.IntegerValue);
        Assert.Contains(detail.Metrics, metric => metric.Name == "training.loss");

        // What a rerun needs, recorded through the package's targets: the root is the project folder here (no
        // global.json or Directory.Build.props above it), the Sacred package at its exact version.
        var build = detail.Experiment.Build;
        Assert.NotNull(build);
        Assert.Equal("Demo.csproj", build.ProjectPath);
        Assert.Equal("net10.0", build.TargetFramework);
        Assert.Contains(new Sacred.Generated.DependencyInfo("Sacred", project.Version), build.Packages);
        Assert.Contains(build.Files, file => file.Path == "Demo.csproj");
        Assert.Contains(build.Files, file => file.Path == "experiment.json");
        Assert.Empty(build.ProjectReferences);
    }

    [Fact]
    public void A_misspelled_key_in_the_json_config_file_fails_the_build_at_that_file_and_line()
    {
        var copy = CopyProject("misspelled");
        var json = Path.Combine(copy, "experiment.json");
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"learning_rate\"", "\"learning_rat\"", StringComparison.Ordinal));

        var build = project.Dotnet(copy, "build", "-nologo");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(@"experiment\.json\(2,\d+\): error SACRED002: Unknown config key 'learning_rat'.*did you mean 'learning_rate'", build.Stdout);
        // The generator's own error is the only one: no cascade of C# errors in generated code.
        Assert.DoesNotMatch(@"error CS\d+", build.Stdout);
    }

    [Fact]
    public void Native_AOT_publish_has_no_warnings_and_the_binary_records()
    {
        var output = Path.Combine(project.Root, "aot");

        var publish = project.Dotnet(project.ProjectFolder, "publish", "-c", "Release", "-o", output, "-nologo");

        Assert.True(publish.ExitCode == 0, publish.Both);
        Assert.DoesNotMatch(WarningLine(), publish.Stdout);
        var store = Path.Combine(project.Root, "store-aot");
        var run = project.Run(Path.Combine(output, "Demo"), project.ProjectFolder, "with", "quick", "steps=5", "--store", store);
        Assert.True(run.ExitCode == 0, run.Both);
        using var runs = RunStore.Open(store);
        var summary = Assert.Single(runs.ListRuns(new RunQuery()).Runs);
        Assert.Equal("COMPLETED", summary.Status);
        Assert.Equal(5, runs.GetRun(summary.Id)!.Config.Get("steps")!.IntegerValue);
    }

    [Fact]
    public void The_sacred_tool_installs_from_the_feed_as_a_native_command_and_lists_the_runs()
    {
        var tools = Path.Combine(project.Root, "tools");
        var store = Path.Combine(project.Root, "store-tool");
        Assert.Equal(0, project.Run(project.BuiltExperiment, project.ProjectFolder, "with", "quick", "-c", "listed by the tool", "--store", store).ExitCode);

        var install = project.Dotnet(
            project.UserFolder, "tool", "install", "Sacred.Tool", "--version", project.Version, "--tool-path", tools,
            "--configfile", Path.Combine(project.UserFolder, "NuGet.config"));

        Assert.True(install.ExitCode == 0, install.Both);
        var sacred = Path.Combine(tools, "sacred");
        // The Native AOT package for this RID, not a framework-dependent one: an ELF executable.
        var resolved = new FileInfo(sacred).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? sacred;
        Assert.Equal("\u007fELF"u8.ToArray(), File.ReadAllBytes(resolved).Take(4).ToArray());
        var list = project.Run(sacred, project.UserFolder, "ls", "--store", store);
        Assert.True(list.ExitCode == 0, list.Both);
        Assert.Contains("demo", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("COMPLETED", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("listed by the tool", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_package_carries_the_license_and_the_runtime_package_carries_the_generator_and_its_targets()
    {
        var packages = Directory.GetFiles(project.Feed, "*.nupkg");
        Assert.Equal(
            new[] { "Sacred", "Sacred.Mongo", "Sacred.Templates", "Sacred.Tool", "Sacred.Tool.linux-x64" },
            packages.Select(path => Path.GetFileName(path)[..^($".{project.Version}.nupkg".Length)]).Order(StringComparer.Ordinal));
        foreach (var package in packages)
        {
            using var zip = ZipFile.OpenRead(package);
            Assert.Contains(zip.Entries, entry => entry.FullName == "LICENSE");
        }

        using var runtime = ZipFile.OpenRead(Path.Combine(project.Feed, $"Sacred.{project.Version}.nupkg"));
        var names = runtime.Entries.Select(entry => entry.FullName).ToHashSet();
        Assert.Contains("analyzers/dotnet/cs/Sacred.Generator.dll", names);
        Assert.Contains("buildTransitive/Sacred.targets", names);
        Assert.Contains("buildTransitive/Sacred.BuildInputs.targets", names);
        Assert.Contains("lib/net10.0/Sacred.Runtime.dll", names);
        Assert.Contains("lib/net10.0/Sacred.Runtime.xml", names);
        Assert.Contains("README.md", names);
        Assert.True(File.Exists(Path.Combine(project.Feed, $"Sacred.{project.Version}.snupkg")), "symbols package");
    }

    [Fact]
    public void With_the_Sacred_Mongo_package_m_records_and_a_server_away_leaves_the_run_for_sacred_sync()
    {
        var copy = CopyProject("mongo");
        var add = project.Dotnet(copy, "add", "package", "Sacred.Mongo", "--version", project.Version);
        Assert.True(add.ExitCode == 0, add.Both);
        var build = project.Dotnet(copy, "build", "-nologo");
        Assert.True(build.ExitCode == 0, build.Both);
        var store = Path.Combine(project.Root, "store-mongo");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();   // a port nothing listens on

        var run = project.Run(
            Path.Combine(copy, "bin", "Debug", "net10.0", "Demo"), copy,
            "with", "quick", "-m", $"mongodb://127.0.0.1:{port}/lab?serverSelectionTimeoutMS=500", "--store", store);

        Assert.True(run.ExitCode == 0, run.Both);
        Assert.Contains("cannot be reached", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("sacred sync", run.Stderr, StringComparison.Ordinal);
        using var runs = RunStore.Open(store);
        Assert.Equal("COMPLETED", Assert.Single(runs.ListRuns(new RunQuery()).Runs).Status);
    }

    private string CopyProject(string name)
    {
        var target = Path.Combine(project.UserFolder, name);
        foreach (var file in Directory.EnumerateFiles(project.ProjectFolder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(project.ProjectFolder, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        return target;
    }

    [GeneratedRegex(@"warning [A-Z]+[0-9]+")]
    private static partial Regex WarningLine();
}
