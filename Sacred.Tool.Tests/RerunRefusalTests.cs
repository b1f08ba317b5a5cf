using System;
using System.Collections.Generic;
using System.IO;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Tool.Cli;
using Xunit;

namespace Sacred.Tool.Tests;

/// <summary>
/// <c>sacred rerun</c> refuses, with exit code 1 and one line saying what is missing, a run it cannot rebuild:
/// nothing is built, nothing is recorded, no folder is left behind.
/// </summary>
public sealed class RerunRefusalTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "sacred-rerun-refusal-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_store, recursive: true);

    [Fact]
    public void A_run_with_a_project_reference_outside_its_repository_is_refused_naming_it()
    {
        Record(new ExperimentBuild(
            "/home/ada/repo",
            "exp/Exp.csproj",
            "net10.0",
            "10.0.401",
            [new SourceFileInfo("exp/Exp.csproj", "0123456789abcdef0123456789abcdef", "<Project Sdk=\"Microsoft.NET.Sdk\" />")],
            [new DependencyInfo("Microsoft.Data.Sqlite", "11.0.0")],
            ["/home/ada/shared/Utilities/Utilities.csproj", "lib/Lib.csproj"]));
        var keep = Path.Combine(_store, "keep");

        var (code, output, error) = Sacred("rerun", "1", "--keep", keep);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal("error: run 1 references the project /home/ada/shared/Utilities/Utilities.csproj, outside its repository /home/ada/repo; its files were not recorded, so it cannot be rebuilt\n", error);
        Assert.False(Directory.Exists(keep) && Directory.GetFileSystemEntries(keep).Length > 0);
        Assert.Equal(0, Sacred("ls").Code);
    }

    [Fact]
    public void A_run_recorded_without_its_build_is_refused()
    {
        Record(null);

        var (code, _, error) = Sacred("rerun", "1");

        Assert.Equal(1, code);
        Assert.StartsWith("error: run 1 recorded no build files", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_recorded_path_that_leaves_the_folder_is_refused()
    {
        Record(new ExperimentBuild(
            "/home/ada/repo",
            "exp/Exp.csproj",
            "net10.0",
            "10.0.401",
            [new SourceFileInfo("../outside.txt", "0123456789abcdef0123456789abcdef", "x")],
            [],
            []));

        var (code, _, error) = Sacred("rerun", "1");

        Assert.Equal(1, code);
        Assert.Equal("error: run 1 recorded the path '../outside.txt', which leaves its project folder; it cannot be rebuilt\n", error);
    }

    [Fact]
    public void Rerun_arguments_are_checked()
    {
        Record(null);

        Assert.Equal(2, Sacred("rerun").Code);
        Assert.Equal(2, Sacred("rerun", "1", "lr=0.1").Code);
        Assert.Equal(1, Sacred("rerun", "42").Code);
    }

    private (int Code, string Out, string Error) Sacred(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SacredCommandLine.Run([.. args, "--store", _store], stdout, stderr, redirected: true);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void Record(ExperimentBuild? build)
    {
        var observer = new EmbeddedStoreObserver(_store);
        observer.Open();
        var empty = new ConfigObjectBuilder().Build();
        observer.StartedEvent(new RunStartedEvent(
            null,
            "run",
            new ExperimentInfo("exp", "/home/ada/repo/exp", "Exp.cs", [new SourceFileInfo("Exp.cs", "0123456789abcdef0123456789abcdef", "// exp")], [], []) { Build = build },
            new HostInfo("box", ["Linux"], null, null, "10.0.0", new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
            DateTime.UtcNow,
            empty,
            new ConfigModifications([], [], []),
            new MetaInfo("run", empty, null, [], empty, null),
            7));
        observer.EndedEvent(new RunEndedEvent(DateTime.UtcNow, "COMPLETED", null, null));
        observer.Close();
    }
}
