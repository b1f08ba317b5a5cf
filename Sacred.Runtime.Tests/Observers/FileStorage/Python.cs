using System;
using System.ComponentModel;
using System.Diagnostics;

namespace Sacred.Runtime.Tests.Observers.FileStorage;

/// <summary>Runs <c>python3</c> scripts, as Sacred's own readers would read our files.</summary>
internal static class Python
{
    private static readonly Lazy<bool> s_hasJson = new(() => TryRun(".", out _, out _, "-c", "import json") == 0);

    /// <summary>Whether <c>python3</c> runs and can <c>import json</c>.</summary>
    public static bool HasJson => s_hasJson.Value;

    /// <summary>Runs python3 with arguments; returns the exit code, or -1 when python3 cannot be started.</summary>
    public static int TryRun(string workingDirectory, out string stdout, out string stderr, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3", arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            stderr = process.StandardError.ReadToEnd();
            stdout = output.Result;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (Win32Exception e)
        {
            (stdout, stderr) = ("", e.Message);
            return -1;
        }
    }
}
