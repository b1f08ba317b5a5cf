using System;
using System.Linq;
using Sacred.Board.Compare;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>The compare view's line diff: shortest edits (checked against an LCS table), hunks and the timestamp mask.</summary>
public sealed class LineDiffTests
{
    [Fact]
    public void Random_texts_are_diffed_with_the_fewest_edits_and_the_edits_rebuild_both_texts()
    {
        var random = new Random(7);
        for (var round = 0; round < 300; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 40)).Select(_ => "line " + random.Next(0, 6)).ToArray();
            var b = Enumerable.Range(0, random.Next(0, 40)).Select(_ => "line " + random.Next(0, 6)).ToArray();
            var diff = LineDiff.Compute(a, b, context: int.MaxValue);
            Assert.Equal(a, diff.Lines.Where(l => l.Kind is DiffKind.Equal or DiffKind.Removed).Select(l => l.Text));
            Assert.Equal(b, diff.Lines.Where(l => l.Kind is DiffKind.Equal or DiffKind.Added).Select(l => l.Text));
            Assert.Equal(a.Length + b.Length - (2 * Lcs(a, b)), diff.Added + diff.Removed);
            Assert.DoesNotContain(diff.Lines, l => l.Kind == DiffKind.Skipped);
        }
    }

    [Fact]
    public void Identical_texts_have_no_lines_and_a_long_file_keeps_only_context_around_changes()
    {
        var lines = Enumerable.Range(1, 100).Select(i => "line " + i).ToArray();
        Assert.True(LineDiff.Compute(lines, [.. lines]).Identical);
        Assert.Empty(LineDiff.Compute(lines, [.. lines]).Lines);

        var changed = lines.ToArray();
        changed[49] = "changed";
        var diff = LineDiff.Compute(lines, changed);
        Assert.Equal(
            ["46 unchanged lines", "line 47", "line 48", "line 49", "line 50", "changed", "line 51", "line 52", "line 53", "47 unchanged lines"],
            diff.Lines.Select(l => l.Text));
        Assert.Equal((50, (int?)null), (diff.Lines[4].Old!.Value, diff.Lines[4].New));
        Assert.Equal(((int?)null, 50), (diff.Lines[5].Old, diff.Lines[5].New!.Value));
    }

    [Fact]
    public void Lines_differing_only_in_times_are_equal_under_the_mask_and_shown_as_they_were()
    {
        string[] a = ["2026-11-29T10:00:01.123Z start", "step 1 took 12 ms", "[10:00:02] loss 0.5"];
        string[] b = ["2026-11-30T08:59:59.001Z start", "step 1 took 15 ms", "[08:00:00] loss 0.4"];
        var diff = LineDiff.Compute(a, b, TimestampMask.Apply);
        Assert.Equal((1, 1), (diff.Added, diff.Removed));
        Assert.Equal(["2026-11-29T10:00:01.123Z start", "step 1 took 12 ms", "[10:00:02] loss 0.5", "[08:00:00] loss 0.4"], diff.Lines.Select(l => l.Text));
    }

    private static int Lcs(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Length, b.Length];
    }
}
