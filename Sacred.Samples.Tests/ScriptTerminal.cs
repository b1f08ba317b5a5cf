using System;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace Sacred.Samples.Tests;

/// <summary>
/// A shell command run on a terminal of its own, as in a terminal window: <c>script</c> gives it a pseudo-terminal
/// as its controlling terminal and copies everything the window would show to <see cref="Shown"/>. Killing
/// <c>script</c> closes the window: the kernel hangs the terminal up and sends SIGHUP, as when an ssh session drops.
/// </summary>
internal sealed class ScriptTerminal : IDisposable
{
    private readonly Process _script;
    private readonly StringBuilder _shown = new();
    private readonly Thread _reader;

    private ScriptTerminal(Process script)
    {
        _script = script;
        _reader = new Thread(() =>
        {
            var buffer = new char[4096];
            int count;
            while ((count = script.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (_shown)
                {
                    _shown.Append(buffer, 0, count);
                }
            }
        });
        _reader.Start();
    }

    /// <summary>What the window was sent so far, escape codes and all.</summary>
    public string Shown
    {
        get
        {
            lock (_shown)
            {
                return _shown.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="command"/> (sh syntax) on a terminal of 30 rows by 100 columns.</summary>
    public static ScriptTerminal Start(string command, string store)
    {
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--quiet", "--return", "--command", "stty rows 30 cols 100; " + command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SACRED_STORE"] = store;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["TERM"] = "xterm-256color";
        var script = Process.Start(start)!;

        // Nothing is typed: the test's own stdin must never become the program's keyboard.
        script.StandardInput.Close();
        script.ErrorDataReceived += (_, _) => { };
        script.BeginErrorReadLine();
        return new ScriptTerminal(script);
    }

    /// <summary>Waits for the command and the window to finish; its exit code.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_script.WaitForExit(timeout))
        {
            throw new TimeoutException("the command on the terminal did not finish in time");
        }

        _reader.Join();
        return _script.ExitCode;
    }

    /// <summary>Closes the window while the command runs.</summary>
    public void Close()
    {
        _script.Kill();
        _script.WaitForExit();
    }

    public void Dispose()
    {
        if (!_script.HasExited)
        {
            _script.Kill(entireProcessTree: true);
        }

        _script.WaitForExit();
        _reader.Join();
        _script.Dispose();
    }

    /// <summary>Quotes <paramref name="word"/> for sh.</summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
