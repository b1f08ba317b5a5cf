using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Sacred.CommandLine;
using Sacred.Configuration;
using Sacred.Generated;

namespace Sacred.Queue;

/// <summary>
/// What <c>EXE sweep [COMMAND] with UPDATE... [--random N [--sweep-seed S]]</c> queues: each update that lists
/// values (<c>lr=0.1,0.01</c>) or gives a range is an axis; every other update (<c>fast</c>, <c>steps=100</c>, a
/// <c>.json</c> file) is given to every run. Without <c>--random</c>, the grid: every combination of the axes' values,
/// the first axis varying slowest. With it, N configs drawn independently from the axes.
/// </summary>
public sealed class SweepPlan
{
    private SweepPlan(IReadOnlyList<string> fixedUpdates, IReadOnlyList<SweepAxis> axes)
    {
        FixedUpdates = fixedUpdates;
        Axes = axes;
    }

    /// <summary>The updates every run gets, in the order given.</summary>
    public IReadOnlyList<string> FixedUpdates { get; }

    /// <summary>The keys the sweep varies, in the order given.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>Splits the updates into fixed ones and axes.</summary>
    /// <param name="updates">The UPDATE arguments after <c>with</c>.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="UsageException">A malformed range, or no axis at all.</exception>
    public static SweepPlan Parse(IReadOnlyList<string> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var fixedUpdates = new List<string>();
        var axes = new List<SweepAxis>();
        foreach (var update in updates)
        {
            var equals = update.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                fixedUpdates.Add(update);
                continue;
            }

            var key = update[..equals].Trim();
            var value = update[(equals + 1)..].Trim();
            if (ParseRange(key, value) is { } range)
            {
                axes.Add(new SweepAxis(key, [], range));
            }
            else if (LiteralSplitter.TrySplit(value, ',', out var parts) && parts.Count > 1)
            {
                if (parts.Any(p => p.Length == 0))
                {
                    throw new UsageException($"sweep: '{update}' has an empty value; list values as {key}=A,B,C");
                }

                axes.Add(new SweepAxis(key, parts, null));
            }
            else
            {
                fixedUpdates.Add(update);
            }
        }

        if (axes.Count == 0)
        {
            throw new UsageException("sweep: nothing to sweep; give at least one key several values (lr=0.1,0.01) or, with --random N, a range (lr=log:1e-4..1e-1, dropout=0.1..0.5, layers=int:1..4)");
        }

        return new SweepPlan(fixedUpdates, axes);
    }

    /// <summary>Every combination of the axes' values, as the updates of one run each (fixed updates first).</summary>
    /// <returns>The runs' updates.</returns>
    /// <exception cref="UsageException">An axis is a range (ranges need <c>--random N</c>).</exception>
    public IReadOnlyList<IReadOnlyList<string>> Grid()
    {
        if (Axes.FirstOrDefault(a => a.Range is not null) is { } range)
        {
            throw new UsageException($"sweep: '{range.Key}' is a range; a grid needs listed values ({range.Key}=A,B,C), or add --random N to draw N configs from it");
        }

        IEnumerable<IReadOnlyList<string>> combinations = [FixedUpdates];
        foreach (var axis in Axes)
        {
            var current = axis;
            combinations = combinations.SelectMany(prefix => current.Values.Select(v => (IReadOnlyList<string>)[.. prefix, $"{current.Key}={v}"]));
        }

        return combinations.ToList();
    }

    /// <summary><paramref name="count"/> configs drawn from the axes with a generator seeded by <paramref name="seed"/>.</summary>
    /// <param name="count">How many runs.</param>
    /// <param name="seed">The generator's seed; the same seed draws the same configs.</param>
    /// <returns>The runs' updates.</returns>
    public IReadOnlyList<IReadOnlyList<string>> Random(int count, int seed)
    {
        var random = new Random(seed);
        var runs = new List<IReadOnlyList<string>>();
        for (var i = 0; i < count; i++)
        {
            runs.Add([.. FixedUpdates, .. Axes.Select(a => $"{a.Key}={a.Sample(random)}")]);
        }

        return runs;
    }

    private static SweepRange? ParseRange(string key, string value)
    {
        var kind = SweepRangeKind.Uniform;
        var text = value;
        if (value.StartsWith("log:", StringComparison.OrdinalIgnoreCase))
        {
            (kind, text) = (SweepRangeKind.Log, value[4..]);
        }
        else if (value.StartsWith("int:", StringComparison.OrdinalIgnoreCase))
        {
            (kind, text) = (SweepRangeKind.Integer, value[4..]);
        }

        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            return kind == SweepRangeKind.Uniform ? null : throw BadRange(key, value, "no '..' between the ends");
        }

        if (!ValueParsers.TryParseDouble(text[..dots].Trim(), out var low) || !ValueParsers.TryParseDouble(text[(dots + 2)..].Trim(), out var high)
            || !double.IsFinite(low) || !double.IsFinite(high))
        {
            // Not numbers on both sides: a string value that happens to hold '..' is no range.
            return kind == SweepRangeKind.Uniform ? null : throw BadRange(key, value, "the ends must be numbers");
        }

        if (low > high)
        {
            throw BadRange(key, value, "the lower end is above the upper one");
        }

        if (kind == SweepRangeKind.Log && low <= 0)
        {
            throw BadRange(key, value, "a log range needs ends above 0");
        }

        if (kind == SweepRangeKind.Integer && (low != Math.Floor(low) || high != Math.Floor(high)))
        {
            throw BadRange(key, value, "an int range needs whole-number ends");
        }

        return new SweepRange(kind, low, high);
    }

    private static UsageException BadRange(string key, string value, string why) =>
        new(string.Create(CultureInfo.InvariantCulture, $"sweep: invalid range '{key}={value}': {why}; valid: {key}=0.1..0.5, {key}=log:1e-4..1e-1, {key}=int:1..4"));
}
