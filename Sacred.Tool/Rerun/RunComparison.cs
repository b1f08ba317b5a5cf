using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Rerun;

/// <summary>One line of a rerun's report: what was compared and whether it came out the same.</summary>
internal sealed record ComparisonLine(string Text, bool Equal);

/// <summary>
/// Compares a rerun with the run it re-ran: status, config, result, every metric series step by step (the first
/// divergence: metric, step, both values), and the captured output with times and run ids ignored.
/// </summary>
internal static partial class RunComparison
{
    public static IReadOnlyList<ComparisonLine> Compare(RunStore store, RunDetail recorded, RunDetail rerun) =>
    [
        Status(recorded, rerun),
        Config(recorded.Config, rerun.Config),
        Result(recorded.Summary.Result, rerun.Summary.Result),
        .. Metrics(store, recorded, rerun),
        Output(store, recorded, rerun),
    ];

    private static ComparisonLine Status(RunDetail recorded, RunDetail rerun) =>
        recorded.Summary.Status == rerun.Summary.Status
            ? new($"status: {rerun.Summary.Status}, as recorded", true)
            : new($"status: {rerun.Summary.Status}, recorded {recorded.Summary.Status}", false);

    private static ComparisonLine Config(ConfigNode recorded, ConfigNode rerun)
    {
        if (recorded.Equals(rerun))
        {
            return new("config: equal", true);
        }

        var left = Flatten(recorded);
        var right = Flatten(rerun);
        var key = left.Keys.Union(right.Keys).Order(StringComparer.Ordinal).First(k => left.GetValueOrDefault(k) != right.GetValueOrDefault(k));
        return new($"config: differs at {key}: {left.GetValueOrDefault(key) ?? "(absent)"} recorded, {right.GetValueOrDefault(key) ?? "(absent)"} now", false);
    }

    private static ComparisonLine Result(ConfigNode? recorded, ConfigNode? rerun) =>
        Equals(recorded, rerun)
            ? new("result: equal", true)
            : new($"result: {Show(rerun)}, recorded {Show(recorded)}", false);

    /// <summary>One line per metric series: equal point by point, or its first divergence.</summary>
    private static IEnumerable<ComparisonLine> Metrics(RunStore store, RunDetail recorded, RunDetail rerun)
    {
        var names = recorded.Metrics.Select(m => m.Name).Union(rerun.Metrics.Select(m => m.Name)).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? [new("metrics: none recorded, none now", true)] : names.Select(name => Metric(store, name, recorded, rerun));
    }

    private static ComparisonLine Metric(RunStore store, string name, RunDetail recorded, RunDetail rerun)
    {
        var left = store.GetMetric(recorded.Summary.Id, name, int.MaxValue)?.Points ?? [];
        var right = store.GetMetric(rerun.Summary.Id, name, int.MaxValue)?.Points ?? [];
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            if (i >= left.Count || i >= right.Count)
            {
                var (extra, where) = i >= left.Count ? (right[i], "only now") : (left[i], "only recorded");
                return new($"metric {name}: diverges at step {extra.Step}: {Number(extra.Value)} {where} ({left.Count} points recorded, {right.Count} now)", false);
            }

            if (left[i].Step != right[i].Step || !left[i].Value.Equals(right[i].Value))
            {
                var steps = left[i].Step != right[i].Step ? $" (at step {right[i].Step})" : string.Empty;
                return new($"metric {name}: diverges at step {left[i].Step}: {Number(left[i].Value)} recorded, {Number(right[i].Value)} now{steps}", false);
            }
        }

        return new($"metric {name}: equal, {left.Count} point{(left.Count == 1 ? string.Empty : "s")} step by step", true);
    }

    private static ComparisonLine Output(RunStore store, RunDetail recorded, RunDetail rerun)
    {
        var left = Lines(store, recorded);
        var right = Lines(store, rerun);
        if (left.SequenceEqual(right))
        {
            return new($"output: equal, {left.Length} lines (times and run ids ignored)", true);
        }

        // stdout and stderr reach the capture through separate pipes, so how their lines interleave can change from
        // one run to the next; the same lines in another order between the streams are the same output.
        var missing = Except(left, right);
        var extra = Except(right, left);
        if (missing < 0 && extra < 0)
        {
            return new($"output: equal, {left.Length} lines (times and run ids ignored; stdout and stderr interleaved differently)", true);
        }

        return missing >= 0
            ? new($"output: differs: \"{left[missing]}\" (line {missing + 1} recorded) is not in the new output", false)
            : new($"output: differs: \"{right[extra]}\" (line {extra + 1} now) was not in the recorded output", false);
    }

    /// <summary>
    /// The index of the first line of <paramref name="lines"/> that <paramref name="other"/> lacks, counting repeats
    /// (the second of two equal lines printed once in <paramref name="other"/>); -1 when none.
    /// </summary>
    private static int Except(string[] lines, string[] other)
    {
        var counts = other.GroupBy(l => l, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!counts.TryGetValue(lines[i], out var count) || count == 0)
            {
                return i;
            }

            counts[lines[i]] = count - 1;
        }

        return -1;
    }

    /// <summary>
    /// The captured output without what differs between any two runs: clock times, durations, rates (a progress
    /// line's "19.0 steps/s" is a duration too) and the run id, also where it names the run's own folder or file
    /// ("mnist-1", "run_1": a word, '-' or '_', the id, then no letter or digit, so a folder named by a GUID that happens
    /// to start with the id's digits, "sacred-mnist-2d35…", is left as it is).
    /// </summary>
    private static string[] Lines(RunStore store, RunDetail run)
    {
        var text = store.ReadOutput(run.Summary.Id, 0, int.MaxValue)?.Text ?? string.Empty;
        text = Rates().Replace(text, "<rate>");
        text = Times().Replace(text, "<time>");
        text = RunId().Replace(text, "ID \"<id>\"");
        var id = run.Summary.Id.ToString(CultureInfo.InvariantCulture);
        text = Regex.Replace(text, @"(?<=[A-Za-z][-_])" + id + @"(?![0-9A-Za-z])", "<id>", RegexOptions.CultureInvariant);
        return text.TrimEnd('\n').Split('\n');
    }

    private static Dictionary<string, string> Flatten(ConfigNode node)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(node, string.Empty);
        return leaves;

        void Walk(ConfigNode value, string path)
        {
            if (value.Kind == ConfigNodeKind.Object && value.Members.Count > 0)
            {
                foreach (var (key, member) in value.Members)
                {
                    Walk(member, path.Length == 0 ? key : path + "." + key);
                }

                return;
            }

            leaves[path] = value.ToJson(indented: false);
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Show(ConfigNode? node) => node is null ? "none" : node.ToJson(indented: false);

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z?|\b\d+:\d{2}:\d{2}(\.\d+)?\b|\b\d+(\.\d+)?\s?(ms|s)\b")]
    private static partial Regex Times();

    /// <summary>A speed: a number, then a unit per second ("19.0 steps/s", "3.2it/s") or seconds per unit ("1.5s/it").</summary>
    [GeneratedRegex(@"\b\d+(\.\d+)?\s?([A-Za-z]+/s|s/[A-Za-z]+)\b")]
    private static partial Regex Rates();

    [GeneratedRegex(@"ID ""?\d+""?")]
    private static partial Regex RunId();
}
