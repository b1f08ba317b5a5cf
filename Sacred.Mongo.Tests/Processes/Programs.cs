using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Sacred.Mongo.Tests.Processes;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessOutcome(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the probe experiment and the <c>sacred</c> tool as real processes, as built alongside this project.</summary>
internal static class Programs
{
    public static ProcessOutcome Probe(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Run(Built(Path.Combine("tests", "fixtures", "MongoProbe"), "mongoprobe.dll"), arguments, environment);

    /// <summary>Starts the probe experiment without waiting: a worker a test stops or kills.</summary>
    public static Process StartProbe(params string[] arguments) =>
        Process.Start(StartInfo(Built(Path.Combine("tests", "fixtures", "MongoProbe"), "mongoprobe.dll"), arguments, null))!;

    public static ProcessOutcome Sacred(params string[] arguments) =>
        Run(Built("Sacred.Tool", "sacred.dll"), arguments, null);

    public static ProcessOutcome Sacred(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Run(Built("Sacred.Tool", "sacred.dll"), arguments, environment);

    /// <summary>A loopback port nothing listens on: bound, read and released.</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A fresh folder under the temp directory.</summary>
    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "sacred-mongo-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static ProcessOutcome Run(string dll, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        using var process = Process.Start(StartInfo(dll, arguments, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{dll} {string.Join(' ', arguments)} did not finish in time");
        }

        Task.WaitAll(stdout, stderr);
        return new ProcessOutcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static ProcessStartInfo StartInfo(string dll, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("SACRED_MONGO");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static string Built(string projectFolder, string dll)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepositoryRoot(), projectFolder, "bin", configuration, "net10.0", dll);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sacred.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
    }
}
