using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage.Reading;

/// <summary>Finds the lines of a run's output containing a text, reading the chunks once, in order.</summary>
internal static class OutputSearch
{
    private const int MaxLineChars = 500;
    private const int MaxSearchedLineChars = 1 << 20;

    public static IReadOnlyList<OutputMatch> Find(SqliteConnection connection, SqliteTransaction transaction, long runId, string text, int maxMatches)
    {
        var matches = new List<OutputMatch>();
        if (text.Length == 0)
        {
            return matches;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT start_char, text FROM output WHERE run_id = $run ORDER BY start_char;";
        command.Parameters.AddWithValue("$run", runId);
        using var reader = command.ExecuteReader();
        var line = new StringBuilder();
        long lineStart = 0;
        long lineNumber = 1;
        while (reader.Read() && matches.Count < maxMatches)
        {
            var start = reader.GetInt64(0);
            var chunk = reader.GetString(1);
            var from = 0;
            while (from < chunk.Length && matches.Count < maxMatches)
            {
                var newline = chunk.IndexOf('\n', from);
                var end = newline < 0 ? chunk.Length : newline;
                // A line longer than this is searched in its first part only: memory stays bounded.
                line.Append(chunk, from, Math.Min(end - from, Math.Max(0, MaxSearchedLineChars - line.Length)));
                if (newline < 0)
                {
                    break;
                }

                Check(line, lineStart, lineNumber, text, matches);
                line.Clear();
                lineNumber++;
                lineStart = start + newline + 1;
                from = newline + 1;
            }
        }

        if (line.Length > 0 && matches.Count < maxMatches)
        {
            Check(line, lineStart, lineNumber, text, matches);
        }

        return matches;
    }

    private static void Check(StringBuilder line, long offset, long number, string text, List<OutputMatch> matches)
    {
        var value = line.ToString();
        if (value.Contains(text, StringComparison.OrdinalIgnoreCase))
        {
            matches.Add(new OutputMatch(offset, number, value.Length > MaxLineChars ? value[..MaxLineChars] : value));
        }
    }
}
