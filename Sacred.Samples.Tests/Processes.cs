using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Sacred.Samples.Tests;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs real processes with a time limit.</summary>
internal static class Processes
{
    public static ProcessOutcome Run(
        string fileName, string[] arguments, string? workingDirectory = null, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Runs that name no store record into a scratch one, never into the working directory.
        start.Environment["SACRED_STORE"] = ScratchStore;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in time");
        }

        Task.WaitAll(stdout, stderr);
        return new ProcessOutcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A store for runs the tests do not inspect, one per test process.</summary>
    public static readonly string ScratchStore = Path.Combine(Path.GetTempPath(), "sacred-tests-" + Environment.ProcessId, "store");

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sacred.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
    }

    /// <summary>The QuickStart sample as built alongside this test project (same configuration).</summary>
    public static string QuickStartDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepositoryRoot(), "samples", "QuickStart", "bin", configuration, "net10.0", "quickstart.dll");
    }

    /// <summary>The <c>sacred</c> command as built alongside this test project (same configuration).</summary>
    public static string SacredToolDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepositoryRoot(), "Sacred.Tool", "bin", configuration, "net10.0", "sacred.dll");
    }

    /// <summary>The capture probe experiment (tests/fixtures/CaptureProbe) as built alongside this test project.</summary>
    public static string CaptureProbeDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepositoryRoot(), "tests", "fixtures", "CaptureProbe", "bin", configuration, "net10.0", "captureprobe.dll");
    }

    /// <summary>The recorder probe experiment (tests/fixtures/RecorderProbe) as built alongside this test project.</summary>
    public static string RecorderProbeDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepositoryRoot(), "tests", "fixtures", "RecorderProbe", "bin", configuration, "net10.0", "recorderprobe.dll");
    }
}
