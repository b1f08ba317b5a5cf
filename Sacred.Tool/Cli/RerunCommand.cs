using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Sacred.CommandLine;
using Sacred.Storage;
using Sacred.Storage.Reading;
using Sacred.Tool.Rerun;

namespace Sacred.Tool.Cli;

/// <summary>
/// <c>sacred rerun ID [with UPDATE...] [--keep DIR]</c>: rebuilds a recorded run from what it recorded (its sources,
/// build files, package versions, target framework), runs the recorded command with the recorded updates and seed
/// (plus any <c>with</c> updates) into the same store, with <c>meta.rerun_of = ID</c>, and compares. Exit codes:
/// 0 reproduced, 3 ran but diverged, 1 could not be rebuilt or run (one line says what is missing).
/// </summary>
internal static class RerunCommand
{
    public const int Diverged = 3;

    /// <summary>
    /// Options with a value that shape the run or its record, replayed as recorded. Not replayed: where it was
    /// recorded (<c>--store</c> is the rerun's, <c>-F</c>, <c>-m</c>), <c>--id</c> (taken by the recorded run),
    /// <c>--queue</c>, <c>--enforce_clean</c> (the rebuilt folder is no repository), printing-only flags.
    /// </summary>
    private static readonly string[] s_replayedOptions = ["--name", "--capture", "--loglevel", "--comment", "--priority", "--beat-interval"];

    /// <summary>Flags that change how a run behaves, replayed when they were given.</summary>
    private static readonly string[] s_replayedFlags = ["--force", "--debug"];

    public static int Run(ToolArguments options, TextWriter stdout, TextWriter stderr)
    {
        var positionals = options.Positionals;
        if (positionals.Count > 1 && positionals[1] != "with")
        {
            throw new UsageException($"unexpected '{positionals[1]}'; expected: sacred rerun ID [with UPDATE...] [--store DIR] [--keep DIR]");
        }

        var label = positionals[0];
        var extraUpdates = positionals.Skip(2).ToList();
        var keep = options.Value(ToolOptions.Keep);
        var folder = keep is null ? Path.Combine(Path.GetTempPath(), "sacred-rerun-" + Guid.NewGuid().ToString("N")) : Path.GetFullPath(keep);
        if (keep is not null && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new UsageException($"--keep {keep}: the folder is not empty; give a new or empty folder");
        }

        try
        {
            using var store = RunStore.Open(options.Store);
            var recorded = RunLookup.Get(store, label);
            var clock = Stopwatch.StartNew();
            var project = RecordedProject.Materialize(store, recorded, label, folder);
            var assembly = RecordedBuildRunner.Build(project, recorded.Experiment.Build!, label);
            var buildTime = clock.Elapsed;

            var before = LastRunId(store);
            clock.Restart();
            var workingDirectory = Path.Combine(folder, WorkingFolderName);
            var configFiles = MaterializeConfigFiles(recorded, workingDirectory);
            var outcome = ToolProcess.Run(
                "dotnet",
                [assembly, .. Arguments(recorded, extraUpdates, configFiles), "--store", store.Directory],
                workingDirectory,
                new Dictionary<string, string> { ["SACRED_RERUN_OF"] = recorded.Summary.Id.ToString(CultureInfo.InvariantCulture) });
            var after = LastRunId(store);
            if (after <= before)
            {
                var line = outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no output";
                throw new RerunException($"the rebuilt run {label} recorded nothing (exit code {outcome.ExitCode}): {line}");
            }

            var rerun = store.GetRun(after) ?? throw new StoreException($"run {after} vanished from the store");
            var build = recorded.Experiment.Build!;
            var configuration = build.Configuration.Length > 0 ? build.Configuration + ", " : "";
            stdout.Write($"rerun of run {label} ({build.ProjectPath}, {build.TargetFramework}, {configuration}{build.Packages.Count} packages as recorded): rebuilt in {Seconds(buildTime)}, ran in {Seconds(clock.Elapsed)} as run {after}\n");
            var lines = RunComparison.Compare(store, recorded, rerun);
            foreach (var line in lines)
            {
                stdout.Write(line.Text + "\n");
            }

            var reproduced = lines.All(l => l.Equal);
            stdout.Write(reproduced ? "reproduced\n" : "diverged\n");
            if (keep is not null)
            {
                stdout.Write($"the rebuilt project is in {folder}\n");
            }

            return reproduced ? 0 : Diverged;
        }
        catch (RerunException e)
        {
            stderr.Write($"error: {e.Message}\n");
            return 1;
        }
        finally
        {
            if (keep is null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// Where the rebuilt experiment runs: a folder of its own beside the project, holding the recorded update files
    /// (<c>with tweak.json</c>) at the relative paths they were given by.
    /// </summary>
    public const string WorkingFolderName = "rerun-working-directory";

    /// <summary>
    /// Writes each recorded update file into <paramref name="workingDirectory"/>: at its relative path as given, or,
    /// for an absolute path or one that leaves the folder, under <c>config_files/N/</c>; returns the token each
    /// recorded path is replayed as.
    /// </summary>
    private static Dictionary<string, string> MaterializeConfigFiles(RunDetail recorded, string workingDirectory)
    {
        Directory.CreateDirectory(workingDirectory);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var (path, text) in recorded.Meta.ConfigFiles)
        {
            var parts = path.Replace('\\', '/').Split('/');
            var relative = !Path.IsPathRooted(path) && !parts.Any(p => p is "" or "." or "..");
            var token = relative ? path : Path.Combine("config_files", (index++).ToString(CultureInfo.InvariantCulture), Path.GetFileName(path));
            var target = Path.Combine(workingDirectory, token);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
            tokens[path] = token;
        }

        return tokens;
    }

    /// <summary>The recorded command line: command, options that shape the run or its record, updates as given, and the seed.</summary>
    private static List<string> Arguments(RunDetail recorded, List<string> extraUpdates, Dictionary<string, string> configFiles)
    {
        var meta = recorded.Meta.Options;
        var arguments = new List<string>();
        if (meta.Get("COMMAND") is { Kind: ConfigNodeKind.String } command)
        {
            arguments.Add(command.StringValue);
        }

        foreach (var option in s_replayedOptions)
        {
            if (meta.Get(option) is { Kind: ConfigNodeKind.String } value)
            {
                arguments.Add(option + "=" + value.StringValue);
            }
        }

        foreach (var flag in s_replayedFlags)
        {
            if (meta.Get(flag) is { Kind: ConfigNodeKind.Bool, BoolValue: true })
            {
                arguments.Add(flag);
            }
        }

        var updates = (meta.Get("UPDATE")?.Items ?? []).Where(u => u.Kind == ConfigNodeKind.String)
            .Select(u => configFiles.GetValueOrDefault(u.StringValue, u.StringValue)).ToList();
        if (!updates.Concat(extraUpdates).Any(u => u.StartsWith("seed=", StringComparison.Ordinal)))
        {
            updates.Add("seed=" + recorded.Summary.Seed.ToString(CultureInfo.InvariantCulture));
        }

        updates.AddRange(extraUpdates);
        arguments.Add("with");
        arguments.AddRange(updates);
        return arguments;
    }

    private static long LastRunId(RunStore store) =>
        store.ListRuns(new RunQuery { Limit = 1 }).Runs.Select(r => r.Id).DefaultIfEmpty(0).Max();

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
