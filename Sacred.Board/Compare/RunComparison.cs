using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Sacred.Board.Api;
using Sacred.Storage.Reading;

namespace Sacred.Board.Compare;

/// <summary>
/// Builds the comparison of N runs against the first: config (flattened), sources (line diffs of the files whose md5
/// differs), dependencies, git state, host and GPU, artifact hashes, metric names and captured output (diffed with
/// timestamps masked). Every string stays data: the page renders it as text.
/// </summary>
internal static class RunComparison
{
    /// <summary>The most output compared per run (from the start), in chars.</summary>
    public const int MaxOutputChars = 1 << 20;

    /// <summary>The largest source file diffed, in chars.</summary>
    public const int MaxSourceChars = 2 << 20;

    public static CompareDto Build(RunStore store, IReadOnlyList<RunDetail> runs)
    {
        ArgumentNullException.ThrowIfNull(store);
        var heads = new List<CompareRunDto>(runs.Count);
        foreach (var run in runs)
        {
            var s = run.Summary;
            heads.Add(new CompareRunDto(s.Id, s.CustomId, s.Experiment, s.Status, s.StartTime, s.Duration?.TotalMilliseconds, s.Result, run.OutputChars));
        }

        return new CompareDto(
            heads,
            Config(runs),
            Sources(store, runs),
            Rows(runs, run => Pairs(run.Experiment.Dependencies, d => (d.Name, d.Version))),
            Rows(runs, run => Pairs(run.Experiment.Repositories, r => (r.Url, r.Commit + (r.Dirty ? " (dirty)" : " (clean)")))),
            Rows(runs, Host),
            Rows(runs, run => Pairs(run.Artifacts, a => (a.Name, "sha256:" + a.Hash))),
            Metrics(runs),
            Output(store, runs));
    }

    private static List<CompareConfigRowDto> Config(IReadOnlyList<RunDetail> runs)
    {
        var keys = new List<string>();
        var values = new Dictionary<string, ConfigNode?[]>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            var index = i;
            Flatten(runs[i].Config, "", (key, value) =>
            {
                if (!values.TryGetValue(key, out var row))
                {
                    row = new ConfigNode?[runs.Count];
                    values.Add(key, row);
                    keys.Add(key);
                }

                row[index] = value;
            });
        }

        keys.Sort(StringComparer.Ordinal);
        var rows = new List<CompareConfigRowDto>(keys.Count);
        foreach (var key in keys)
        {
            var row = values[key];
            var differs = false;
            for (var i = 1; i < row.Length; i++)
            {
                differs |= !Equals(row[0], row[i]);
            }

            rows.Add(new CompareConfigRowDto(key, row, differs));
        }

        return rows;
    }

    /// <summary>Objects become dotted keys; lists and scalars are leaves (an empty object is a leaf too).</summary>
    private static void Flatten(ConfigNode node, string prefix, Action<string, ConfigNode> leaf)
    {
        if (node.Kind == ConfigNodeKind.Object && node.Members.Count > 0)
        {
            foreach (var (key, value) in node.Members)
            {
                Flatten(value, prefix.Length == 0 ? key : prefix + "." + key, leaf);
            }
        }
        else if (prefix.Length > 0)
        {
            leaf(prefix, node);
        }
    }

    private static List<(string Name, string Value)> Pairs<T>(IEnumerable<T> items, Func<T, (string, string)> pair)
    {
        var pairs = new List<(string, string)>();
        foreach (var item in items)
        {
            pairs.Add(pair(item));
        }

        return pairs;
    }

    private static List<(string Name, string Value)> Host(RunDetail run)
    {
        var host = run.Host;
        var pairs = new List<(string, string)>
        {
            ("hostname", host.Hostname),
            ("os", string.Join(" ", host.Os)),
            ("cpu", host.Cpu ?? ""),
            ("gpus", host.Gpus is { } gpus ? gpus.ToJson(indented: false) : "none"),
            (".NET", host.DotnetVersion),
        };
        foreach (var (name, value) in host.Environment)
        {
            pairs.Add(("env " + name, value));
        }

        foreach (var (name, value) in host.Extra)
        {
            pairs.Add((name, value.ToJson(indented: false)));
        }

        return pairs;
    }

    /// <summary>One row per name (first seen first), each run's value, and how it changes from the baseline.</summary>
    private static List<CompareRowDto> Rows(IReadOnlyList<RunDetail> runs, Func<RunDetail, List<(string Name, string Value)>> read)
    {
        var names = new List<string>();
        var values = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            foreach (var (name, value) in read(runs[i]))
            {
                if (!values.TryGetValue(name, out var row))
                {
                    row = new string?[runs.Count];
                    values.Add(name, row);
                    names.Add(name);
                }

                row[i] = value;
            }
        }

        var rows = new List<CompareRowDto>(names.Count);
        foreach (var name in names)
        {
            var row = values[name];
            rows.Add(new CompareRowDto(name, row, Change(row)));
        }

        return rows;
    }

    private static string Change(string?[] row)
    {
        var same = true;
        var inOthers = false;
        for (var i = 1; i < row.Length; i++)
        {
            same &= row[i] == row[0];
            inOthers |= row[i] is not null;
        }

        return same ? "same" : row[0] is null ? "added" : !inOthers ? "removed" : "changed";
    }

    private static List<CompareFileDto> Sources(RunStore store, IReadOnlyList<RunDetail> runs)
    {
        var paths = new List<string>();
        var files = new Dictionary<string, StoredSource?[]>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            foreach (var source in runs[i].Experiment.Sources)
            {
                if (!files.TryGetValue(source.Path, out var row))
                {
                    row = new StoredSource?[runs.Count];
                    files.Add(source.Path, row);
                    paths.Add(source.Path);
                }

                row[i] = source;
            }
        }

        paths.Sort(StringComparer.Ordinal);
        var texts = new Dictionary<string, (string[] Lines, string? Note)>(StringComparer.Ordinal);
        (string[] Lines, string? Note) Text(StoredSource? source)
        {
            if (source is null)
            {
                return ([], null);
            }

            if (!texts.TryGetValue(source.Hash, out var text))
            {
                text = ReadSource(store, source);
                texts.Add(source.Hash, text);
            }

            return text;
        }

        var result = new List<CompareFileDto>(paths.Count);
        foreach (var path in paths)
        {
            var row = files[path];
            var md5s = new string?[row.Length];
            for (var i = 0; i < row.Length; i++)
            {
                md5s[i] = row[i]?.Md5;
            }

            var diffs = new List<TextDiffDto>();
            for (var i = 1; i < row.Length; i++)
            {
                if (row[i]?.Hash == row[0]?.Hash)
                {
                    continue;
                }

                var (before, beforeNote) = Text(row[0]);
                var (after, afterNote) = Text(row[i]);
                var note = beforeNote ?? afterNote ?? (row[0] is null ? "not in the baseline" : row[i] is null ? "not in this run" : null);
                diffs.Add(ToDto(runs[i].Summary.Id, LineDiff.Compute(before, after), false, note));
            }

            result.Add(new CompareFileDto(path, md5s, Change(md5s), diffs));
        }

        return result;
    }

    private static (string[] Lines, string? Note) ReadSource(RunStore store, StoredSource source)
    {
        try
        {
            using var stream = store.OpenFile(source.Hash);
            if (stream.Length > MaxSourceChars)
            {
                return ([], $"over {MaxSourceChars / (1 << 20)} MiB: not diffed");
            }

            using var reader = new StreamReader(stream);
            return (LineDiff.Lines(reader.ReadToEnd()), null);
        }
        catch (FileNotFoundException)
        {
            return ([], "its text is missing from the store's files");
        }
    }

    private static List<CompareMetricDto> Metrics(IReadOnlyList<RunDetail> runs)
    {
        var names = new SortedDictionary<string, bool[]>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            foreach (var metric in runs[i].Metrics)
            {
                if (!names.TryGetValue(metric.Name, out var logged))
                {
                    logged = new bool[runs.Count];
                    names.Add(metric.Name, logged);
                }

                logged[i] = true;
            }
        }

        var result = new List<CompareMetricDto>(names.Count);
        foreach (var (name, logged) in names)
        {
            result.Add(new CompareMetricDto(name, logged));
        }

        return result;
    }

    private static List<TextDiffDto> Output(RunStore store, IReadOnlyList<RunDetail> runs)
    {
        var result = new List<TextDiffDto>(runs.Count - 1);
        var baseline = store.ReadOutput(runs[0].Summary.Id, 0, MaxOutputChars);
        var before = LineDiff.Lines(baseline?.Text ?? "");
        for (var i = 1; i < runs.Count; i++)
        {
            var page = store.ReadOutput(runs[i].Summary.Id, 0, MaxOutputChars);
            var after = LineDiff.Lines(page?.Text ?? "");
            var truncated = baseline is { IsEnd: false } || page is { IsEnd: false };
            result.Add(ToDto(runs[i].Summary.Id, LineDiff.Compute(before, after, TimestampMask.Apply), truncated, null));
        }

        return result;
    }

    private static TextDiffDto ToDto(long run, DiffResult diff, bool truncated, string? note)
    {
        var lines = new List<DiffLineDto>(diff.Lines.Count);
        foreach (var line in diff.Lines)
        {
            lines.Add(new DiffLineDto(
                line.Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", DiffKind.Skipped => "…", _ => " " },
                line.Old,
                line.New,
                line.Text));
        }

        return new TextDiffDto(run, diff.Identical, diff.Added, diff.Removed, truncated, note, lines);
    }

    /// <summary>Parses <c>ids=3,5,8</c> (or repeated <c>ids</c>): 2 to <paramref name="max"/> run ids, no repeats.</summary>
    public static bool TryParseIds(IEnumerable<string?> values, int max, out List<long> ids, out string? error)
    {
        ids = [];
        error = null;
        foreach (var value in values)
        {
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                {
                    error = $"'{part}' is not a run id: give ids=ID,ID,... (whole numbers).";
                    return false;
                }

                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        }

        if (ids.Count < 2 || ids.Count > max)
        {
            error = $"Give 2 to {max} different run ids to compare as ids=ID,ID,... ({ids.Count} given).";
            return false;
        }

        return true;
    }
}
