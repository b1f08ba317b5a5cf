using System;
using System.Collections.Generic;

namespace Sacred.Board.Compare;

/// <summary>
/// A line diff (Myers' O(ND) algorithm, after trimming the common head and tail), grouped into hunks with a few lines
/// of context. Lines are compared by a key (the line itself, or the line with its timestamps masked for output), and
/// shown as they were. When the two texts differ in more than <see cref="MaxEdits"/> lines, the middle is reported as
/// removed and added whole rather than searched further.
/// </summary>
internal static class LineDiff
{
    /// <summary>The most inserted plus deleted lines searched for a shortest edit.</summary>
    public const int MaxEdits = 2000;

    /// <summary>Unchanged lines kept around each change.</summary>
    public const int Context = 3;

    /// <summary>Beyond this many differing lines in all, the search (time n x d) is not tried.</summary>
    public const int MaxLines = 200_000;

    /// <summary>Splits a text into lines (without their line ends; a final newline adds no empty line).</summary>
    public static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return lines[^1].Length == 0 ? lines[..^1] : lines;
    }

    /// <summary>Diffs <paramref name="before"/> against <paramref name="after"/> and groups the result into hunks.</summary>
    /// <param name="before">The old lines.</param>
    /// <param name="after">The new lines.</param>
    /// <param name="key">What to compare of each line; null compares the lines themselves.</param>
    /// <param name="context">Equal lines kept around each change (the rest become skip markers).</param>
    /// <returns>The lines to show (changes with context, and skip markers), and how many lines were added and removed.</returns>
    public static DiffResult Compute(string[] before, string[] after, Func<string, string>? key = null, int context = Context)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var (a, b) = Keys(before, after, key);
        var edits = Edits(a, b);
        var lines = new List<DiffLine>();
        int added = 0, removed = 0;
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Kind == DiffKind.Added)
            {
                added++;
            }
            else if (edits[i].Kind == DiffKind.Removed)
            {
                removed++;
            }
        }

        if (added + removed == 0)
        {
            return new DiffResult(lines, 0, 0);
        }

        // Keep each change and Context equal lines either side; say how many equal lines each gap hides.
        var keep = new bool[edits.Count];
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Kind != DiffKind.Equal)
            {
                for (var j = Math.Max(0, i - context); j <= Math.Min(edits.Count - 1, (long)i + context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var hidden = 0;
        for (var i = 0; i < edits.Count; i++)
        {
            if (!keep[i])
            {
                hidden++;
                continue;
            }

            if (hidden > 0)
            {
                lines.Add(new DiffLine(DiffKind.Skipped, null, null, Skipped(hidden)));
                hidden = 0;
            }

            var edit = edits[i];
            var text = edit.Kind == DiffKind.Added ? after[edit.New] : before[edit.Old];
            lines.Add(new DiffLine(
                edit.Kind,
                edit.Kind == DiffKind.Added ? null : edit.Old + 1,
                edit.Kind == DiffKind.Removed ? null : edit.New + 1,
                text));
        }

        if (hidden > 0)
        {
            lines.Add(new DiffLine(DiffKind.Skipped, null, null, Skipped(hidden)));
        }

        return new DiffResult(lines, added, removed);
    }

    private static string Skipped(int count) =>
        count == 1 ? "1 unchanged line" : count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " unchanged lines";

    /// <summary>Numbers the distinct keys, so the search compares integers.</summary>
    private static (int[] A, int[] B) Keys(string[] before, string[] after, Func<string, string>? key)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Number(string[] lines)
        {
            var result = new int[lines.Length];
            for (var i = 0; i < lines.Length; i++)
            {
                var k = key is null ? lines[i] : key(lines[i]);
                if (!ids.TryGetValue(k, out var id))
                {
                    id = ids.Count;
                    ids.Add(k, id);
                }

                result[i] = id;
            }

            return result;
        }

        return (Number(before), Number(after));
    }

    private readonly record struct Edit(DiffKind Kind, int Old, int New);

    private static List<Edit> Edits(int[] a, int[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        var edits = new List<Edit>(Math.Max(a.Length, b.Length) + 16);
        for (var i = 0; i < head; i++)
        {
            edits.Add(new Edit(DiffKind.Equal, i, i));
        }

        var middle = Middle(a.AsSpan(head, a.Length - head - tail), b.AsSpan(head, b.Length - head - tail));
        foreach (var edit in middle)
        {
            edits.Add(edit with { Old = edit.Old + head, New = edit.New + head });
        }

        for (var i = 0; i < tail; i++)
        {
            edits.Add(new Edit(DiffKind.Equal, a.Length - tail + i, b.Length - tail + i));
        }

        return edits;
    }

    /// <summary>
    /// Myers' greedy search for the shortest edit script: for each number of edits d, the furthest point reached on
    /// each diagonal k = x - y; the frontier of every round is kept (only its 2d+3 cells) to walk the path back.
    /// </summary>
    private static List<Edit> Middle(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int n = a.Length, m = b.Length;
        var result = new List<Edit>();
        if (n == 0 || m == 0 || n + m > MaxLines)
        {
            return Replace(n, m);
        }

        var limit = Math.Min(n + m, MaxEdits);
        var offset = limit + 1;
        var v = new int[(2 * limit) + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= limit && found < 0; d++)
        {
            var frontier = new int[(2 * d) + 3];
            Array.Copy(v, offset - d - 1, frontier, 0, frontier.Length);
            trace.Add(frontier);
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }
        }

        if (found < 0)
        {
            return Replace(n, m);
        }

        int cx = n, cy = m;
        for (var d = found; d > 0; d--)
        {
            var frontier = trace[d];
            var k = cx - cy;
            var down = k == -d || (k != d && frontier[k - 1 + d + 1] < frontier[k + 1 + d + 1]);
            var previousK = down ? k + 1 : k - 1;
            var px = frontier[previousK + d + 1];
            var py = px - previousK;

            // The snake after this round's one edit: equal lines back to where the edit landed.
            int sx = down ? px : px + 1, sy = down ? py + 1 : py;
            while (cx > sx && cy > sy)
            {
                cx--;
                cy--;
                result.Add(new Edit(DiffKind.Equal, cx, cy));
            }

            result.Add(down ? new Edit(DiffKind.Added, px, py) : new Edit(DiffKind.Removed, px, py));
            cx = px;
            cy = py;
        }

        while (cx > 0 && cy > 0)
        {
            cx--;
            cy--;
            result.Add(new Edit(DiffKind.Equal, cx, cy));
        }

        result.Reverse();
        return result;
    }

    private static List<Edit> Replace(int n, int m)
    {
        var result = new List<Edit>(n + m);
        for (var i = 0; i < n; i++)
        {
            result.Add(new Edit(DiffKind.Removed, i, 0));
        }

        for (var j = 0; j < m; j++)
        {
            result.Add(new Edit(DiffKind.Added, n, j));
        }

        return result;
    }
}
