using System;
using System.Diagnostics;
using System.IO;

namespace Sacred.Board.Tests;

/// <summary>
/// A real experiment process (tests/fixtures/RecorderProbe's <c>tail</c> command) recording into a store with fast
/// heartbeats: it prints "waiting for release", then waits until the test calls <see cref="Release"/>, prints
/// "released" and completes.
/// </summary>
internal sealed class ProbeRun : IDisposable
{
    private readonly Process _process;
    private readonly string _releaseFile = Path.Combine(Path.GetTempPath(), "sacred-board-release-" + Guid.NewGuid().ToString("N"));

    public ProbeRun(string store)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Dll(), "tail", "with", "points=20", "hold_seconds=120", $"release_file='{_releaseFile}'", "--store", store, "-b", "0.2" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => Errors += e.Data + "\n";
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Errors { get; private set; } = "";

    public void Release() => File.WriteAllText(_releaseFile, "go");

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(60_000))
        {
            throw new TimeoutException("The probe run did not end within 60 s: " + Errors);
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        File.Delete(_releaseFile);
    }

    private static string Dll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Sacred.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder!.FullName, "tests", "fixtures", "RecorderProbe", "bin", configuration, "net10.0", "recorderprobe.dll");
    }
}
