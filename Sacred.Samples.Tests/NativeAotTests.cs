using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>QuickStart published with Native AOT: no trim or AOT warnings, and the binary works.</summary>
public sealed class NativeAotTests : IClassFixture<NativeAotTests.PublishedQuickStart>
{
    private readonly PublishedQuickStart _published;

    public NativeAotTests(PublishedQuickStart published) => _published = published;

    [Fact]
    public void Publish_succeeds_with_no_warnings()
    {
        Assert.True(_published.Publish.ExitCode == 0, _published.Publish.Stdout + _published.Publish.Stderr);
        var warnings = Regex.Matches(_published.Publish.Stdout + _published.Publish.Stderr, @"warning [A-Z]+\d+").Select(m => m.Value).Distinct().ToList();
        Assert.Empty(warnings);
        Assert.True(File.Exists(_published.Executable));
    }

    [Fact]
    public void Native_binary_prints_config_with_updates_applied()
    {
        var outcome = Processes.Run(_published.Executable, new[] { "print_config", "with", "fast", "optimizer=sgd", "model.depth=3" });

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("Configuration (modified, added, typechanged, doc):", outcome.Stdout);
        Assert.Contains("steps = 300", outcome.Stdout);
        Assert.Contains("optimizer = \"sgd\"", outcome.Stdout);
        Assert.Contains("depth = 3", outcome.Stdout);
    }

    [Fact]
    public void Native_binary_trains_and_rejects_bad_input()
    {
        var run = Processes.Run(_published.Executable, new[] { "with", "fast", "seed=1" });
        var bad = Processes.Run(_published.Executable, new[] { "with", "batch_size=many" });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Result: ", run.Stderr);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'many'", bad.Stderr);
    }

    [Fact]
    public void Native_binary_sweeps_and_its_worker_runs_the_queued_runs()
    {
        var store = Path.Combine(Path.GetTempPath(), "sacred-aot-queue-" + Guid.NewGuid().ToString("N"));
        try
        {
            var sweep = Processes.Run(_published.Executable, ["sweep", "with", "fast", "steps=20,30", "--store", store]);
            var worker = Processes.Run(_published.Executable, ["worker", "--store", store, "--exit-when-empty"]);

            Assert.True(sweep.ExitCode == 0, sweep.Stderr);
            Assert.True(worker.ExitCode == 0, worker.Stderr);
            using var runs = RunStore.Open(store);
            Assert.Equal([20L, 30L], new[] { 1L, 2L }.Select(id => runs.GetRun(id)!).Select(r => Assert.IsType<ConfigNode>(r.Config.Get("steps")).IntegerValue));
            Assert.All(new[] { 1L, 2L }, id => Assert.Equal("COMPLETED", runs.GetRun(id)!.Summary.Status));
        }
        finally
        {
            Directory.Delete(store, recursive: true);
        }
    }

    /// <summary>Publishes once for the class, into a private folder, so the regular build output is untouched.</summary>
    public sealed class PublishedQuickStart : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-aot-" + Guid.NewGuid().ToString("N"));

        public PublishedQuickStart()
        {
            var project = Path.Combine(Processes.RepositoryRoot(), "samples", "QuickStart", "QuickStart.csproj");
            Publish = Processes.Run(
                "dotnet",
                new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--artifacts-path", Path.Combine(_root, "artifacts"), "-o", Path.Combine(_root, "out"), "-nologo" },
                timeout: TimeSpan.FromMinutes(8));
            Executable = Path.Combine(_root, "out", "quickstart");
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
