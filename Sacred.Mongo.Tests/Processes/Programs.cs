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

    /// <summary>Runs a native executable (a Native AOT binary) as <see cref="Probe"/> runs the JIT one.</summary>
    public static ProcessOutcome Native(string executable, params string[] arguments) =>
        Run(Prepared(new ProcessStartInfo(executable), null), arguments, TimeSpan.FromMinutes(2));

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> (a publish), for up to <paramref name="timeout"/>.</summary>
    public static ProcessOutcome Dotnet(TimeSpan timeout, params string[] arguments) =>
        Run(Prepared(new ProcessStartInfo("dotnet"), null), arguments, timeout);

    public static ProcessOutcome Sacred(params string[] arguments) =>
        Run(Built("Sacred.Tool", "sacred.dll"), arguments, null);

    public static ProcessOutcome Sacred(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Run(Built("Sacred.Tool", "sacred.dll"), arguments, environment);

    /// <summary>Starts the <c>sacred</c> tool without waiting: a board a test reads from and stops.</summary>
    public static Process StartSacred(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Process.Start(StartInfo(Built("Sacred.Tool", "sacred.dll"), arguments, environment))!;

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

    private static ProcessOutcome Run(string dll, string[] arguments, IReadOnlyDictionary<string, string>? environment) =>
        Run(StartInfo(dll, [], environment), arguments, TimeSpan.FromMinutes(2));

    private static ProcessOutcome Run(ProcessStartInfo start, string[] arguments, TimeSpan timeout)
    {
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }

        Task.WaitAll(stdout, stderr);
        return new ProcessOutcome(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static ProcessStartInfo StartInfo(string dll, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Prepared(start, environment);
    }

    private static ProcessStartInfo Prepared(ProcessStartInfo start, IReadOnlyDictionary<string, string>? environment)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
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

    /// <summary>The repository's root folder (where Sacred.sln is).</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sacred.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
    }
}
