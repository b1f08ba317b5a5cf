using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Sacred.Samples.Tests;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>
/// Mnist published with Native AOT: no trim/AOT warnings (TorchSharp's own are suppressed, by id, in the project
/// file), the GLIBCXX fix applied to the published library, and a binary that trains exactly as the JIT build does.
/// </summary>
public sealed class NativeAotTests : IClassFixture<NativeAotTests.PublishedMnist>
{
    private readonly PublishedMnist _published;

    public NativeAotTests(PublishedMnist published) => _published = published;

    [Fact]
    public void Publish_succeeds_with_no_warnings_and_the_patched_library()
    {
        var log = _published.Publish.Stdout + _published.Publish.Stderr;

        Assert.True(_published.Publish.ExitCode == 0, log);
        Assert.Empty(Regex.Matches(log, @"warning [A-Z]+\d+").Select(m => m.Value).Distinct());
        Assert.True(File.Exists(_published.Executable));
        var readelf = Processes.Run("readelf", new[] { "-V", Path.Combine(_published.Folder, "libLibTorchSharp.so") });
        Assert.Contains(readelf.Stdout.Split('\n'), line => line.Contains("Name: GLIBCXX_3.4.32", StringComparison.Ordinal) && line.Contains("Flags: WEAK", StringComparison.Ordinal));
    }

    [Fact]
    public void Binary_runs_the_ci_smoke_configuration()
    {
        var run = MnistRun.Start(new[] { _published.Executable }, "steps_per_epoch=5", "epochs=1");

        try
        {
            Assert.True(run.Outcome.ExitCode == 0, run.Outcome.Stdout + run.Outcome.Stderr);
            Assert.Equal(5, run.Losses.Count);
            Assert.Single(run.Validations);
            Assert.True(File.Exists(Path.Combine(run.RunFolder, "model.bin")));
        }
        finally
        {
            Directory.Delete(run.OutputDir, recursive: true);
        }
    }

    [Fact]
    public void Binary_trains_exactly_as_the_jit_build_does()
    {
        var aot = MnistRun.Start(new[] { _published.Executable }, "steps_per_epoch=10", "epochs=1", "seed=11");
        var jit = MnistRun.Start(MnistRun.Jit(), "steps_per_epoch=10", "epochs=1", "seed=11");

        try
        {
            Assert.True(aot.Outcome.ExitCode == 0, aot.Outcome.Stdout + aot.Outcome.Stderr);
            Assert.Equal(10, aot.Losses.Count);
            Assert.Equal(jit.Losses, aot.Losses);
            Assert.Equal(jit.Validations, aot.Validations);
            Assert.True(aot.Losses.Skip(7).Average() < aot.Losses.Take(3).Average() - 0.1, "loss did not go down under AOT: " + string.Join(", ", aot.Losses));
            Assert.NotEmpty(TensorBoardEvents.ReadScalars(Directory.GetFiles(aot.RunFolder, "events.out.tfevents.*").Single()));
        }
        finally
        {
            Directory.Delete(aot.OutputDir, recursive: true);
            Directory.Delete(jit.OutputDir, recursive: true);
        }
    }

    /// <summary>
    /// Publishes once for the class into a private folder (its own artifacts path, so the regular build output is
    /// untouched). PublishAot comes from the project file: passing it on the command line would leak into the
    /// netstandard generator project.
    /// </summary>
    public sealed class PublishedMnist : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-mnist-aot-" + Guid.NewGuid().ToString("N"));

        public PublishedMnist()
        {
            var project = Path.Combine(Processes.RepositoryRoot(), "samples", "Mnist", "Mnist.csproj");
            Folder = Path.Combine(_root, "out");
            Publish = Processes.Run(
                "dotnet",
                new[] { "publish", project, "-c", "Release", "-r", "linux-x64", "--artifacts-path", Path.Combine(_root, "artifacts"), "-o", Folder, "-nologo" },
                timeout: TimeSpan.FromMinutes(8));
            Executable = Path.Combine(Folder, "mnist");
        }

        public ProcessOutcome Publish { get; }

        public string Folder { get; }

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
