using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage.Reading;

/// <summary>Pages over a run's output chunks, finding the first chunk through the <c>(run_id, start_char)</c> index.</summary>
internal static class OutputReader
{
    public static OutputPage? Read(SqliteConnection connection, SqliteTransaction transaction, long runId, long offset, int maxChars)
    {
        if (TotalChars(connection, transaction, runId) is not { } total)
        {
            return null;
        }

        var start = Math.Min(offset, total);
        var text = new StringBuilder();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT start_char, text FROM output
            WHERE run_id = $run AND start_char >= (
                SELECT COALESCE(MAX(start_char), 0) FROM output WHERE run_id = $run AND start_char <= $offset)
            ORDER BY start_char;
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$offset", start);
        using var reader = command.ExecuteReader();
        while (text.Length < maxChars && reader.Read())
        {
            var chunkStart = reader.GetInt64(0);
            var chunk = reader.GetString(1);
            var from = (int)Math.Clamp(start + text.Length - chunkStart, 0, chunk.Length);
            text.Append(chunk, from, Math.Min(chunk.Length - from, maxChars - text.Length));
        }

        if (text.Length > 0 && char.IsHighSurrogate(text[^1]) && start + text.Length < total)
        {
            text.Length--;
        }

        return new OutputPage(start, text.ToString(), total);
    }

    public static OutputPage? Tail(SqliteConnection connection, SqliteTransaction transaction, long runId, int lines)
    {
        if (TotalChars(connection, transaction, runId) is not { } total)
        {
            return null;
        }

        var chunks = new List<string>();
        var chunksStart = total;
        var cut = total;
        var remaining = lines;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT start_char, text FROM output WHERE run_id = $run ORDER BY start_char DESC;";
        command.Parameters.AddWithValue("$run", runId);
        using (var reader = command.ExecuteReader())
        {
            while (remaining > 0 && reader.Read())
            {
                chunksStart = reader.GetInt64(0);
                var chunk = reader.GetString(1);
                chunks.Add(chunk);
                cut = chunksStart;
                for (var i = chunk.Length - 1; i >= 0; i--)
                {
                    // A newline ends the line before it; the output's final newline starts no further line.
                    if (chunk[i] == '\n' && chunksStart + i != total - 1 && --remaining == 0)
                    {
                        cut = chunksStart + i + 1;
                        break;
                    }
                }
            }
        }

        chunks.Reverse();
        var text = string.Concat(chunks);
        return new OutputPage(cut, text[(int)(cut - chunksStart)..], total);
    }

    private static long? TotalChars(SqliteConnection connection, SqliteTransaction transaction, long runId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT output_chars FROM runs WHERE id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        return command.ExecuteScalar() is long total ? total : null;
    }
}
