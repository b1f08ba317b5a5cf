using System;
using System.Collections.Generic;
using System.Linq;

namespace Sacred.Formatting;

/// <summary>Finds the names closest to a mistyped one ("did you mean"), by Damerau-Levenshtein distance.</summary>
public static class Suggestions
{
    /// <summary>
    /// Up to <paramref name="count"/> candidates close to <paramref name="typed"/>, closest first. A candidate is
    /// close when the whole name, or its last dotted segment, is within a quarter of the typed length
    /// (at least 1) edits, ignoring case.
    /// </summary>
    public static IReadOnlyList<string> Closest(string typed, IEnumerable<string> candidates, int count = 3)
    {
        var lowered = typed.ToLowerInvariant();
        var lastSegment = LastSegment(lowered);
        var scored = new List<(int Distance, string Name)>();
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var name = candidate.ToLowerInvariant();
            var full = Distance(lowered, name);
            var last = Distance(lastSegment, LastSegment(name));
            if (full <= Threshold(lowered))
            {
                scored.Add((full, candidate));
            }
            else if (last <= Threshold(lastSegment))
            {
                scored.Add((last + 1, candidate));
            }
        }

        return [.. scored
            .OrderBy(s => s.Distance)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(s => s.Name)];
    }

    /// <summary>"; did you mean 'a'?" or "; did you mean 'a', 'b' or 'c'?", or "" when nothing is close.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates)
    {
        var close = Closest(typed, candidates);
        if (close.Count == 0)
        {
            return "";
        }

        var quoted = close.Select(c => $"'{c}'").ToList();
        var list = quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted.Take(quoted.Count - 1)) + " or " + quoted[^1];
        return $"; did you mean {list}?";
    }

    /// <summary>The optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }

    private static int Threshold(string typed) => Math.Max(1, typed.Length / 4);

    private static string LastSegment(string name) => name[(name.LastIndexOf('.') + 1)..];
}
