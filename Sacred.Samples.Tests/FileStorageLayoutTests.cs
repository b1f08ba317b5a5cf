using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>
/// <c>-F DIR</c> as Sacred's readers meet it: a finished run's folder holds exactly Sacred's files, whichever way
/// the run ended; the append-only metric sidecars the recorder writes while the run goes are gone.
/// </summary>
public sealed class FileStorageLayoutTests : IDisposable
{
    private static readonly string[] s_sacredFiles = ["config.json", "cout.txt", "metrics.json", "run.json"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-fslayout-" + Guid.NewGuid().ToString("N"));

    public FileStorageLayoutTests() => Directory.CreateDirectory(_root);

    private string Files => Path.Combine(_root, "files");

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
    public void Completed_run_folder_holds_only_sacreds_files()
    {
        var outcome = Run("with", "steps=20", "samples=32");

        Assert.Equal(0, outcome.ExitCode);
        AssertSacredLayout("COMPLETED", "training.loss");
    }

    [Fact]
    public void Failed_run_folder_holds_only_sacreds_files()
    {
        // Points are in the sidecars before the failure.
        var outcome = Processes.Run(
            "dotnet",
            [Processes.RecorderProbeDll(), "fail", "with", "points=5000", "--store", Path.Combine(_root, "store"), "-F", Files],
            Path.GetTempPath(),
            TimeSpan.FromMinutes(2));

        Assert.Equal(1, outcome.ExitCode);
        AssertSacredLayout("FAILED", "loss");
    }

    [Fact]
    public void Interrupted_run_folder_holds_only_sacreds_files()
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--default-signal=INT", "dotnet", Processes.QuickStartDll(), "with", "steps=100000000", "samples=64", "-b", "0.2", "--store", Path.Combine(_root, "store"), "-F", Files })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Wait until points have reached the sidecars, so there is something to clean up.
        var sidecars = Path.Combine(Files, "1", ".metrics");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(Directory.Exists(sidecars) && Directory.GetFiles(sidecars, "*.bin").Length > 0) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
        }

        Assert.True(Directory.Exists(sidecars), "the run wrote no metric sidecar in time");
        Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        Assert.True(process.WaitForExit(30_000), "the run did not stop after SIGINT");

        Assert.Equal(130, process.ExitCode);
        AssertSacredLayout("INTERRUPTED", "training.loss");
    }

    private void AssertSacredLayout(string status, string metric)
    {
        var folder = Path.Combine(Files, "1");
        var entries = Directory.GetFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(s_sacredFiles, entries);
        Assert.Contains($"\"status\": \"{status}\"", File.ReadAllText(Path.Combine(folder, "run.json")));
        Assert.Contains($"\"{metric}\"", File.ReadAllText(Path.Combine(folder, "metrics.json")));
    }

    private ProcessOutcome Run(params string[] args) =>
        Processes.Run(
            "dotnet",
            [Processes.QuickStartDll(), .. args, "--store", Path.Combine(_root, "store"), "-F", Files],
            Path.GetTempPath(),
            TimeSpan.FromMinutes(2));
}
