using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Sacred.Packages.Tests;

/// <summary>
/// What a user outside this repository has: the packages in a local feed (packed once by build/pack.sh, with a
/// version of their own so no cached package can stand in), a folder with a NuGet.config naming that feed and the
/// usual registry, the templates installed, and a project made by <c>dotnet new sacred</c>, restored and built.
/// The .NET home and the NuGet packages folder are private to the fixture; packages already on the machine are read
/// as a fallback folder, so the registry is asked only for what the machine lacks.
/// </summary>
public sealed class PackagedProject : IDisposable
{
    private static readonly TimeSpan s_packTimeout = TimeSpan.FromMinutes(15);

    public PackagedProject()
    {
        Root = Path.Combine(Path.GetTempPath(), "sacred-packages-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Feed = Path.Combine(Root, "feed");
        UserFolder = Path.Combine(Root, "user");
        Directory.CreateDirectory(UserFolder);
        Variables = new Dictionary<string, string>
        {
            ["DOTNET_CLI_HOME"] = Path.Combine(Root, "home"),
            ["NUGET_PACKAGES"] = Path.Combine(Root, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["SACRED_VERSION"] = Version,
        };

        var pack = Processes.Run("bash", ["build/pack.sh", Feed], Processes.RepositoryRoot(), Variables, s_packTimeout);
        Require(pack, "build/pack.sh");
        File.WriteAllText(Path.Combine(UserFolder, "NuGet.config"), NuGetConfig());

        Require(Dotnet(UserFolder, "new", "install", Path.Combine(Feed, $"Sacred.Templates.{Version}.nupkg")), "dotnet new install");
        ProjectFolder = Path.Combine(UserFolder, "Demo");
        Require(Dotnet(UserFolder, "new", "sacred", "-n", "Demo", "-o", ProjectFolder), "dotnet new sacred");
        Require(Dotnet(ProjectFolder, "build", "-nologo"), "dotnet build");
    }

    public string Root { get; }

    public string Version { get; }

    public string Feed { get; }

    /// <summary>The user's folder, outside the repository, holding NuGet.config.</summary>
    public string UserFolder { get; }

    /// <summary>The project <c>dotnet new sacred -n Demo</c> created, built in Debug.</summary>
    public string ProjectFolder { get; }

    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The built experiment (Debug, JIT).</summary>
    public string BuiltExperiment => Path.Combine(ProjectFolder, "bin", "Debug", "net10.0", "Demo");

    public ProcessOutcome Dotnet(string workingDirectory, params string[] arguments) =>
        Processes.Run("dotnet", arguments, workingDirectory, Variables, s_packTimeout);

    public ProcessOutcome Run(string executable, string workingDirectory, params string[] arguments) =>
        Processes.Run(executable, arguments, workingDirectory, Variables, TimeSpan.FromMinutes(2));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void Require(ProcessOutcome outcome, string what)
    {
        if (outcome.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed with exit code {outcome.ExitCode}:\n{outcome.Both}");
        }
    }

    private string NuGetConfig()
    {
        var machinePackages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Directory.Exists(machinePackages)
            ? $"""
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            """
            : string.Empty;
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="Sacred" />
                  <package pattern="Sacred.*" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            {fallback}
            </configuration>
            """;
    }
}
