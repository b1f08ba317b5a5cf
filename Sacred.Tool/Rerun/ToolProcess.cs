using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;

namespace Sacred.Tool.Rerun;

/// <summary>What a child process printed and returned.</summary>
internal sealed record ToolProcessOutcome(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs a child process (dotnet build, the rebuilt experiment) to completion, capturing its output.</summary>
internal static class ToolProcess
{
    public static ToolProcessOutcome Run(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new RerunException($"could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Task.WaitAll(stdout, stderr);
        return new ToolProcessOutcome(process.ExitCode, stdout.Result, stderr.Result);
    }
}
