using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sacred.Board.Tools;

/// <summary>
/// Finds <c>tensorboard</c> on the PATH and starts one per run on that run's log directories, bound to 127.0.0.1 on
/// a free port. The processes it started are stopped with the board.
/// </summary>
internal sealed class TensorBoardLauncher : IDisposable
{
    private readonly string? _searchPath;
    private readonly Dictionary<long, (Process Process, Uri Url)> _started = [];
    private readonly object _lock = new();

    /// <param name="searchPath">A PATH-style list of folders; null: the PATH environment variable.</param>
    public TensorBoardLauncher(string? searchPath) => _searchPath = searchPath;

    /// <summary>The full path of the <c>tensorboard</c> executable, or null when none is on the PATH.</summary>
    public string? FindExecutable()
    {
        var path = _searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, OperatingSystem.IsWindows() ? "tensorboard.exe" : "tensorboard");
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The address of the TensorBoard started for a run, while it is still running.</summary>
    public Uri? Running(long runId)
    {
        lock (_lock)
        {
            if (_started.TryGetValue(runId, out var started))
            {
                if (!started.Process.HasExited)
                {
                    return started.Url;
                }

                started.Process.Dispose();
                _started.Remove(runId);
            }

            return null;
        }
    }

    /// <summary>The arguments for these log directories: <c>--logdir</c> for one, <c>--logdir_spec name:dir,...</c> for several.</summary>
    public static List<string> Arguments(IReadOnlyList<string> logDirs, int port)
    {
        var arguments = new List<string>();
        if (logDirs.Count == 1)
        {
            arguments.Add("--logdir");
            arguments.Add(logDirs[0]);
        }
        else
        {
            var spec = new StringBuilder();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dir in logDirs)
            {
                var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir));
                var unique = name.Length == 0 ? "logdir" : name.Replace(':', '_').Replace(',', '_');
                for (var i = 2; !names.Add(unique); i++)
                {
                    unique = name + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                spec.Append(spec.Length > 0 ? "," : "").Append(unique).Append(':').Append(dir);
            }

            arguments.Add("--logdir_spec");
            arguments.Add(spec.ToString());
        }

        arguments.Add("--host");
        arguments.Add("127.0.0.1");
        arguments.Add("--port");
        arguments.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return arguments;
    }

    /// <summary>The command line a person would type, quoted for a POSIX shell.</summary>
    public static string CommandLine(IReadOnlyList<string> logDirs)
    {
        var text = new StringBuilder("tensorboard");
        foreach (var argument in Arguments(logDirs, 6006))
        {
            text.Append(' ').Append(Quote(argument));
        }

        return text.ToString();
    }

    /// <summary>Starts TensorBoard for a run (or returns the one already running for it).</summary>
    /// <exception cref="InvalidOperationException">It is not installed, or exited at once.</exception>
    public Uri Start(long runId, IReadOnlyList<string> logDirs)
    {
        lock (_lock)
        {
            if (Running(runId) is { } url)
            {
                return url;
            }

            var executable = FindExecutable() ?? throw new InvalidOperationException("tensorboard is not on the PATH; install it (pip install tensorboard) or run the command shown.");
            var port = FreePort();
            var start = new ProcessStartInfo(executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            foreach (var argument in Arguments(logDirs, port))
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} could not be started.");

            // TensorBoard talks a lot; drain its pipes so it never blocks on a full one.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (process.WaitForExit(300))
            {
                var code = process.ExitCode;
                process.Dispose();
                throw new InvalidOperationException($"{executable} exited at once with code {code}; run the command shown to see why.");
            }

            url = new Uri($"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}/");
            _started[runId] = (process, url);
            return url;
        }
    }

    /// <summary>Stops every TensorBoard this board started.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var (process, _) in _started.Values)
            {
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                        process.WaitForExit(2000);
                    }
                }
                catch (InvalidOperationException)
                {
                }

                process.Dispose();
            }

            _started.Clear();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:,=@+") < 0
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
