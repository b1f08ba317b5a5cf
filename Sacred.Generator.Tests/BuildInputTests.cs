using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Sacred.Generated;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>
/// What a rerun needs, as the build hands it over (Sacred.BuildInputs.targets): the files become embedded build files
/// with their MD5, the assets file becomes the exact package versions, references are named, the rest is dropped.
/// </summary>
public sealed class BuildInputTests
{
    private const string Csproj = "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>";
    private const string GlobalJson = "{ \"sdk\": { \"version\": \"10.0.100\", \"rollForward\": \"latestFeature\" } }";
    private const string Assets = """
        {
          "version": 3,
          "libraries": {
            "Microsoft.Data.Sqlite/11.0.0": { "sha512": "x", "type": "package", "files": [] },
            "SQLitePCLRaw.core/3.0.5": { "type": "package" },
            "Lib/1.0.0": { "type": "project", "path": "lib/Lib.csproj" }
          }
        }
        """;

    private static readonly Dictionary<string, string> s_properties = new()
    {
        ["SacredRepositoryRoot"] = "/src/",
        ["MSBuildProjectFullPath"] = "/src/app/Demo.csproj",
        ["TargetFramework"] = "net10.0",
        ["NETCoreSdkVersion"] = "10.0.401",
    };

    [Fact]
    public void Build_inputs_become_embedded_build_files_with_md5_packages_and_references()
    {
        var result = GeneratorHarness.RunWithBuild(
            TestSources.Full,
            s_properties,
            ("/src/default.json", TestSources.FullDefaults, ""),
            ("/src/app/Demo.csproj", Csproj, "file"),
            ("/src/global.json", GlobalJson, "file"),
            ("/src/app/obj/project.assets.json", Assets, "assets"),
            ("/src/lib/Lib.csproj", Csproj, "reference"),
            ("/src/lib/Helper.cs", "namespace Lib; public static class Helper { }", "file"),
            ("/src/lib/obj/Debug/Lib.AssemblyInfo.cs", "// generated", "file"),
            ("/elsewhere/Other/Other.csproj", Csproj, "reference"),
            ("/elsewhere/Other/Other.cs", "// outside", "file"));

        // global.json and the assets file are build inputs, not config files: no SACRED diagnostics about them.
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        var build = Sources(result).Build;
        Assert.NotNull(build);

        Assert.Equal("/src", build.RepositoryRoot);
        Assert.Equal("app/Demo.csproj", build.ProjectPath);
        Assert.Equal("net10.0", build.TargetFramework);
        Assert.Equal("10.0.401", build.SdkVersion);
        Assert.Equal(["app/Demo.csproj", "default.json", "global.json", "lib/Helper.cs", "lib/Lib.csproj"], build.Files.Select(f => f.Path));
        Assert.Equal(GlobalJson, build.Files.Single(f => f.Path == "global.json").Text);
        Assert.All(build.Files, f => Assert.Equal(Md5(f.Text), f.Md5));
        Assert.Equal(
            [new DependencyInfo("Microsoft.Data.Sqlite", "11.0.0"), new DependencyInfo("SQLitePCLRaw.core", "3.0.5")],
            build.Packages);
        // A project outside the repository cannot be recorded; it is named by its full path so a rerun can refuse it.
        Assert.Equal(["/elsewhere/Other/Other.csproj", "lib/Lib.csproj"], build.ProjectReferences);

        // The hash a run start looks the build up by is the generator's, computed at compile time; it names exactly
        // this record (the runtime computes the same from it), so a stored build with that hash is this build.
        Assert.Matches("^[0-9a-f]{64}$", Sources(result).BuildHash);
        Assert.Equal(build.ComputeHash(), Sources(result).BuildHash);
    }

    [Fact]
    public void A_different_file_package_or_framework_is_a_different_build_hash()
    {
        string HashWith(string projectText, string assets, string framework) => Sources(GeneratorHarness.RunWithBuild(
            TestSources.Full,
            new Dictionary<string, string>(s_properties) { ["TargetFramework"] = framework },
            ("/src/default.json", TestSources.FullDefaults, ""),
            ("/src/app/Demo.csproj", projectText, "file"),
            ("/src/app/obj/project.assets.json", assets, "assets"))).BuildHash!;

        var original = HashWith(Csproj, Assets, "net10.0");
        Assert.Equal(original, HashWith(Csproj, Assets, "net10.0"));
        Assert.NotEqual(original, HashWith(Csproj + " ", Assets, "net10.0"));
        Assert.NotEqual(original, HashWith(Csproj, Assets.Replace("11.0.0", "11.0.1", StringComparison.Ordinal), "net10.0"));
        Assert.NotEqual(original, HashWith(Csproj, Assets, "net9.0"));
    }

    [Fact]
    public void Without_msbuild_there_is_no_build_record_and_json_build_inputs_are_still_not_configs()
    {
        var result = GeneratorHarness.RunWithBuild(
            TestSources.Full,
            new Dictionary<string, string>(),
            ("/src/default.json", TestSources.FullDefaults, ""),
            ("/src/obj/project.assets.json", "{ not json", "assets"));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Assert.Null(Sources(result).Build);
        Assert.Null(Sources(result).BuildHash);
    }

    private static ExperimentSources Sources(HarnessResult result)
    {
        var type = GeneratorHarness.Load(result).GetType("Demo.Mnist", throwOnError: true)!;
        var field = type.GetField("__SacredSources", BindingFlags.NonPublic | BindingFlags.Static)!;
        return (ExperimentSources)field.GetValue(null)!;
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
}
