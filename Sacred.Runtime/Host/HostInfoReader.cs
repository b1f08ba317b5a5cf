using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Sacred.Generated;

namespace Sacred.Host;

/// <summary>
/// Reads the host facts Sacred records: host name, OS, CPU model, GPUs (only when <c>nvidia-smi</c> exists),
/// .NET version, the environment variables named in <c>SACRED_CAPTURED_ENV</c> and custom entries.
/// </summary>
public static class HostInfoReader
{
    /// <summary>Comma-separated names of environment variables to record with every run.</summary>
    public const string CapturedEnvironmentVariable = "SACRED_CAPTURED_ENV";

    private static readonly List<KeyValuePair<string, Func<ConfigNode?>>> Gatherers = new();

    /// <summary>
    /// Adds a custom host-info entry, gathered at the start of every run. A gatherer that returns null or throws
    /// leaves its entry out.
    /// </summary>
    /// <param name="name">The entry's key; must not be one of Sacred's own keys.</param>
    /// <param name="gather">Computes the value.</param>
    public static void AddGatherer(string name, Func<ConfigNode?> gather)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(gather);
        string[] reserved = ["hostname", "os", "cpu", "gpus", "dotnet_version", "ENV"];
        if (reserved.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{name}' is a built-in host-info key; choose another name.", nameof(name));
        }

        lock (Gatherers)
        {
            Gatherers.RemoveAll(g => g.Key == name);
            Gatherers.Add(new(name, gather));
        }
    }

    /// <summary>Reads the host facts now.</summary>
    /// <returns>The host info.</returns>
    public static HostInfo Read()
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in (Environment.GetEnvironmentVariable(CapturedEnvironmentVariable) ?? string.Empty)
                     .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        var extra = new SortedDictionary<string, ConfigNode>(StringComparer.Ordinal);
        lock (Gatherers)
        {
            foreach (var (name, gather) in Gatherers)
            {
                try
                {
                    if (gather() is { } value)
                    {
                        extra[name] = value;
                    }
                }
                catch (Exception)
                {
                    // A failing gatherer leaves its entry out, as Sacred's IgnoreHostInfo does.
                }
            }
        }

        return new HostInfo(
            Environment.MachineName,
            [SystemName(), RuntimeInformation.OSDescription + "-" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()],
            CpuModel(),
            Gpus(),
            Environment.Version.ToString(),
            environment,
            extra);
    }

    private static string SystemName() =>
        OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsMacOS() ? "Darwin" : OperatingSystem.IsWindows() ? "Windows" : RuntimeInformation.OSDescription;

    private static string? CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>Sacred's <c>gpus</c>: <c>{gpus: [{model, total_memory, persistence_mode}], driver_version}</c>.</summary>
    private static ConfigNode? Gpus()
    {
        var smi = FindOnPath("nvidia-smi");
        if (smi is null)
        {
            return null;
        }

        try
        {
            var start = new ProcessStartInfo(smi) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-q");
            start.ArgumentList.Add("-x");
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var xml = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000) || process.ExitCode != 0)
            {
                return null;
            }

            var root = XDocument.Parse(xml).Root;
            if (root is null)
            {
                return null;
            }

            var gpus = root.Elements("gpu").Select(gpu =>
            {
                var b = new ConfigObjectBuilder();
                b.Add("model", ConfigNode.From((string?)gpu.Element("product_name")));
                var memory = ((string?)gpu.Element("fb_memory_usage")?.Element("total") ?? string.Empty).Split(' ')[0];
                b.Add("total_memory", int.TryParse(memory, out var mib) ? ConfigNode.From(mib) : ConfigNode.Null);
                b.Add("persistence_mode", ConfigNode.From(string.Equals((string?)gpu.Element("persistence_mode"), "Enabled", StringComparison.OrdinalIgnoreCase)));
                return b.Build();
            }).ToList();
            var result = new ConfigObjectBuilder();
            result.Add("gpus", ConfigNode.FromList(gpus, static g => g));
            result.Add("driver_version", ConfigNode.From((string?)root.Element("driver_version")));
            return result.Build();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or System.Xml.XmlException or IOException)
        {
            return null;
        }
    }

    private static string? FindOnPath(string program)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
