using System;
using System.Collections.Generic;
using System.Linq;

namespace Sacred.Generator.Parsing;

/// <summary>"Did you mean" suggestions by edit distance.</summary>
internal static class Suggestions
{
    /// <summary>A message suffix such as <c>; did you mean 'learning_rate'?</c>, or an empty string.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates)
    {
        var best = Closest(input, candidates);
        return best.Count == 0 ? string.Empty : "; did you mean " + string.Join(" or ", best.Select(b => "'" + b + "'")) + "?";
    }

    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates)
    {
        var limit = Math.Max(1, Math.Min(3, input.Length / 3));
        return candidates
            .Distinct(StringComparer.Ordinal)
            .Select(c => (Candidate: c, Distance: Distance(input, c)))
            .Where(p => p.Distance <= limit || LastSegment(p.Candidate) == LastSegment(input))
            .OrderBy(p => p.Distance)
            .ThenBy(p => p.Candidate, StringComparer.Ordinal)
            .Take(3)
            .Select(p => p.Candidate)
            .ToList();
    }

    private static string LastSegment(string key)
    {
        var dot = key.LastIndexOf('.');
        return dot < 0 ? key : key.Substring(dot + 1);
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions).</summary>
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
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }
}
