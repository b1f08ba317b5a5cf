using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Rerun;

/// <summary>
/// Writes a run's recorded files into a folder as the repository held them at compile time: the build files at
/// their paths from the repository root, the experiment's compiled sources in its project folder. The folder is a
/// normal project: it opens and builds as one.
/// </summary>
internal static class RecordedProject
{
    /// <summary>Materialises the run into <paramref name="folder"/> and returns the full path of its project file.</summary>
    /// <exception cref="RerunException">The run recorded no build, references a project outside its repository, or a path leaves the folder.</exception>
    public static string Materialize(RunStore store, RunDetail run, string label, string folder)
    {
        var build = run.Experiment.Build
            ?? throw new RerunException($"run {label} recorded no build files (it was built before sacred rerun existed, or not by MSBuild with the Sacred targets); it cannot be rebuilt");
        if (build.ProjectReferences.FirstOrDefault(Path.IsPathRooted) is { } outside)
        {
            throw new RerunException($"run {label} references the project {outside}, outside its repository {build.RepositoryRoot}; its files were not recorded, so it cannot be rebuilt");
        }

        var projectDirectory = build.ProjectPath.Contains('/', StringComparison.Ordinal) ? build.ProjectPath[..build.ProjectPath.LastIndexOf('/')] : string.Empty;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in build.Files)
        {
            files[Checked(label, file.Path)] = file.Hash;
        }

        foreach (var source in run.Experiment.Sources)
        {
            var path = source.Path;
            if (Path.IsPathRooted(path))
            {
                var root = build.RepositoryRoot.TrimEnd('/') + "/";
                path = path.StartsWith(root, StringComparison.Ordinal)
                    ? path[root.Length..]
                    : throw new RerunException($"run {label} compiled {path}, outside its repository {build.RepositoryRoot}; it cannot be rebuilt");
            }
            else if (projectDirectory.Length > 0)
            {
                path = projectDirectory + "/" + path;
            }

            files[Checked(label, path)] = source.Hash;
        }

        foreach (var (path, hash) in files)
        {
            var target = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var content = store.OpenFile(hash);
            using var copy = File.Create(target);
            content.CopyTo(copy);
        }

        var project = Path.Combine(folder, Checked(label, build.ProjectPath));
        return File.Exists(project) ? project : throw new RerunException($"run {label} did not record its project file {build.ProjectPath}; it cannot be rebuilt");
    }

    /// <summary>A recorded path that stays inside the folder: relative, no '..', no empty segment.</summary>
    private static string Checked(string label, string path)
    {
        var parts = path.Split('/');
        if (path.Length == 0 || Path.IsPathRooted(path) || parts.Any(p => p is "" or "." or ".."))
        {
            throw new RerunException($"run {label} recorded the path '{path}', which leaves its project folder; it cannot be rebuilt");
        }

        return Path.Combine(parts);
    }
}
