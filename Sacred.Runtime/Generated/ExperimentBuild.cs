using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;

namespace Sacred.Generated;

/// <summary>
/// What rebuilding the experiment needs beyond its compiled sources, fixed at compile time: the build's files, the
/// restored packages, the project's place in its repository, the target framework and the SDK version.
/// </summary>
/// <param name="RepositoryRoot">The repository root at compile time (global.json's folder, or SacredRepositoryRoot).</param>
/// <param name="ProjectPath">The project file, relative to <paramref name="RepositoryRoot"/>, '/'-separated.</param>
/// <param name="TargetFramework">The target framework it was built for (e.g. <c>net10.0</c>).</param>
/// <param name="SdkVersion">The .NET SDK that built it.</param>
/// <param name="Files">
/// Every file of the build other than the experiment's compiled sources, relative to the repository root: the
/// project file, Directory.Build.props/.targets, Directory.Packages.props, global.json, imported targets, the
/// AdditionalFiles, and the files of referenced projects in the repository. Ordinal path order.
/// </param>
/// <param name="Packages">Every restored package with its exact version (project.assets.json), case-insensitive order.</param>
/// <param name="ProjectReferences">
/// Referenced projects: relative to the repository root, or a full path for one outside it (which a rerun cannot rebuild).
/// </param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record ExperimentBuild(
    string RepositoryRoot,
    string ProjectPath,
    string TargetFramework,
    string SdkVersion,
    IReadOnlyList<SourceFileInfo> Files,
    IReadOnlyList<DependencyInfo> Packages,
    IReadOnlyList<string> ProjectReferences)
{
    /// <summary>
    /// The hash that names this build in a store: SHA-256 (lower-case hex) of its canonical text, one line each for the
    /// repository root, project, framework and SDK, then each file's path and MD5, each package and each reference, in
    /// the record's order. The generator computes the same at compile time, so a run start can look the build up by
    /// it without making the record.
    /// </summary>
    /// <returns>64 lower-case hex digits.</returns>
    public string ComputeHash()
    {
        var text = new StringBuilder("sacred-build 1\n");
        text.Append("root\t").Append(RepositoryRoot).Append('\n');
        text.Append("project\t").Append(ProjectPath).Append('\n');
        text.Append("framework\t").Append(TargetFramework).Append('\n');
        text.Append("sdk\t").Append(SdkVersion).Append('\n');
        foreach (var file in Files)
        {
            text.Append("file\t").Append(file.Path).Append('\t').Append(file.Md5).Append('\n');
        }

        foreach (var package in Packages)
        {
            text.Append("package\t").Append(package.Name).Append('\t').Append(package.Version).Append('\n');
        }

        foreach (var reference in ProjectReferences)
        {
            text.Append("reference\t").Append(reference).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
