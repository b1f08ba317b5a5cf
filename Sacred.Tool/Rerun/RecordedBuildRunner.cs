using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Rerun;

/// <summary>
/// Restores and builds a materialised project with the recorded target framework, then checks that restore chose
/// exactly the recorded package versions (the recorded Directory.Packages.props pins the direct ones; the graph
/// below them must come out the same, or the rebuild is not the recorded build).
/// </summary>
internal static class RecordedBuildRunner
{
    /// <summary>Builds the project (leaving no build server behind); returns the path of the built assembly.</summary>
    /// <exception cref="RerunException">The build failed, or restore chose other package versions than recorded.</exception>
    public static string Build(string project, StoredBuild build, string label)
    {
        var directory = Path.GetDirectoryName(project)!;
        List<string> framework = build.TargetFramework.Length > 0 ? ["-f", build.TargetFramework] : [];
        List<string> configuration = build.Configuration.Length > 0 ? ["-c", build.Configuration] : [];
        var built = ToolProcess.Run("dotnet", ["build", project, "-nologo", "-v:q", "-clp:NoSummary;ErrorsOnly", "--disable-build-servers", .. framework, .. configuration], directory);
        if (built.ExitCode != 0)
        {
            var error = (built.Stdout + "\n" + built.Stderr).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
                ?? "exit code " + built.ExitCode;
            throw new RerunException($"run {label} could not be rebuilt: dotnet build failed: {error}");
        }

        CheckPackages(Path.Combine(directory, "obj", "project.assets.json"), build, label);
        var properties = ToolProcess.Run(
            "dotnet",
            [
                "msbuild", project, "-nologo", "-getProperty:TargetPath",
                .. framework.Count > 0 ? ["-p:TargetFramework=" + build.TargetFramework] : Array.Empty<string>(),
                .. configuration.Count > 0 ? ["-p:Configuration=" + build.Configuration] : Array.Empty<string>(),
            ],
            directory);
        var targetPath = properties.Stdout.Trim();
        return properties.ExitCode == 0 && File.Exists(targetPath)
            ? targetPath
            : throw new RerunException($"run {label} was rebuilt, but its assembly was not found ({targetPath})");
    }

    private static void CheckPackages(string assetsFile, StoredBuild build, string label)
    {
        if (!File.Exists(assetsFile))
        {
            throw new RerunException($"run {label} was rebuilt without a restore record ({assetsFile}); its package versions cannot be checked");
        }

        var restored = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using (var document = JsonDocument.Parse(File.ReadAllText(assetsFile)))
        {
            if (document.RootElement.TryGetProperty("libraries", out var libraries))
            {
                foreach (var library in libraries.EnumerateObject())
                {
                    var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
                    if (slash > 0 && library.Value.TryGetProperty("type", out var type) && type.GetString() == "package")
                    {
                        restored[library.Name[..slash]] = library.Name[(slash + 1)..];
                    }
                }
            }
        }

        foreach (var package in build.Packages)
        {
            if (!restored.TryGetValue(package.Name, out var version))
            {
                throw new RerunException($"run {label} was built with {package.Name} {package.Version}, which the rebuild did not restore");
            }

            if (!string.Equals(version, package.Version, StringComparison.OrdinalIgnoreCase))
            {
                throw new RerunException($"run {label} was built with {package.Name} {package.Version}; the rebuild restored {version}");
            }
        }

        var recorded = build.Packages.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (restored.Keys.FirstOrDefault(name => !recorded.Contains(name)) is { } extra)
        {
            throw new RerunException($"the rebuild of run {label} restored {extra} {restored[extra]}, which the recorded build did not have");
        }
    }
}
