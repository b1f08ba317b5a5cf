using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage.Reading;

/// <summary>
/// The regular expressions of <see cref="ComparisonOperator.Matches"/>: .NET syntax, ignoring case, run by the
/// non-backtracking engine, so no pattern can take more than linear time on a long output or config string.
/// </summary>
public static class FilterRegex
{
    private const int MaxCached = 64;
    private static readonly ConcurrentDictionary<string, Regex> s_cache = new(StringComparer.Ordinal);

    /// <summary>The options every pattern is compiled with.</summary>
    public const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>Checks a pattern.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="error">Why it is not valid, when it is not.</param>
    /// <returns>True when the pattern can be used.</returns>
    public static bool TryValidate(string pattern, out string? error)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            Get(pattern);
            error = null;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Makes <c>regexp(pattern, text)</c> (SQL's <c>text REGEXP pattern</c>) available on a connection.</summary>
    internal static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, string?, bool>(
            "regexp",
            static (pattern, text) => pattern is not null && text is not null && Get(pattern).IsMatch(text),
            isDeterministic: true);

    private static Regex Get(string pattern)
    {
        if (s_cache.TryGetValue(pattern, out var regex))
        {
            return regex;
        }

        regex = new Regex(pattern, Options);
        if (s_cache.Count >= MaxCached)
        {
            s_cache.Clear();
        }

        s_cache[pattern] = regex;
        return regex;
    }
}
