using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Sacred.Configuration;


namespace Sacred.Storage.Reading;

/// <summary>
/// The SQL behind <see cref="RunStore.Search"/> and <see cref="RunStore.Count"/>. A page is found in two steps
/// in one snapshot: the ids (filtered, sorted, paged: the only step that touches every matching run, and it reads
/// ids and sort keys only), then the rows and their extra columns for those ids alone.
/// </summary>
internal static class RunSearchQuery
{
    public const int MaxLimit = 1000;

    public static IReadOnlyList<RunRow> Search(SqliteConnection connection, SqliteTransaction transaction, RunSearch search, TimeSpan deadAfter, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(search.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(search.Limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.Limit, MaxLimit);
        var ids = new List<long>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            var compiler = new RunFilterCompiler(command);
            var where = search.Filter is null ? "1" : compiler.Compile(search.Filter);
            var direction = search.Descending ? "DESC" : "ASC";
            var order = search.SortBy.IsAttribute && search.SortBy.Name == "id"
                ? $"r.id {direction}"
                : $"{compiler.Value(search.SortBy)} IS NULL, {compiler.Value(search.SortBy)} {direction}, r.id {direction}";
            command.CommandText = $"SELECT r.id FROM runs r WHERE {where} ORDER BY {order} LIMIT $limit OFFSET $offset;";
            command.Parameters.AddWithValue("$limit", search.Limit);
            command.Parameters.AddWithValue("$offset", search.Offset);
            RunFilterCompiler.AddClock(command, deadAfter, now);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        if (ids.Count == 0)
        {
            return [];
        }

        var rows = new Dictionary<long, RunRow>(ids.Count);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            var compiler = new RunFilterCompiler(command);
            var select = new StringBuilder($"""
                SELECT r.id, r.custom_id, r.experiment_name, r.command, {RunFilterCompiler.StatusSql}, r.queue_time,
                       r.start_time, r.stop_time, r.heartbeat, {RunFilterCompiler.DurationSql}, r.result, r.comment, r.seed,
                       r.hostname, {RunFilterCompiler.TagsSql}, (SELECT n.notes FROM run_notes n WHERE n.run_id = r.id)
                """);
            foreach (var column in search.Columns)
            {
                select.Append(",\n       ").Append(compiler.Value(column));
            }

            var idList = new StringBuilder();
            foreach (var id in ids)
            {
                idList.Append(idList.Length == 0 ? "" : ", ").Append(id.ToString(CultureInfo.InvariantCulture));
            }

            command.CommandText = select.Append($"\nFROM runs r WHERE r.id IN ({idList});").ToString();
            RunFilterCompiler.AddClock(command, deadAfter, now);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = new ConfigNode?[search.Columns.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Node(reader, 16 + i);
                }

                var summary = RunListing.Read(reader);
                var tags = reader.IsDBNull(14) ? [] : reader.GetString(14).Split('\u001f');
                rows[summary.Id] = new RunRow(summary, tags, reader.IsDBNull(15) ? null : reader.GetString(15), values);
            }
        }

        var page = new List<RunRow>(ids.Count);
        foreach (var id in ids)
        {
            if (rows.TryGetValue(id, out var row))
            {
                page.Add(row);
            }
        }

        return page;
    }

    public static long Count(SqliteConnection connection, RunFilter? filter, TimeSpan deadAfter, DateTime now)
    {
        using var command = connection.CreateCommand();
        var where = filter is null ? "1" : new RunFilterCompiler(command).Compile(filter);
        command.CommandText = $"SELECT COUNT(*) FROM runs r WHERE {where};";
        RunFilterCompiler.AddClock(command, deadAfter, now);
        return (long)command.ExecuteScalar()!;
    }

    private static ConfigNode? Node(SqliteDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        long integer => ConfigNode.From(integer),
        double real => ConfigNode.From(real),
        string text => ConfigNode.From(text),
        _ => null,
    };
}
