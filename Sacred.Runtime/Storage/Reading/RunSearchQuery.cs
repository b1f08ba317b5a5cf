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
/// A filtered page sorted by id, a config value or a metric summary first looks at a window of the first runs in
/// that order, checking each by lookup (a few index probes per run): when the filter matches often, the page is
/// there at a cost of microseconds per run. Only when the window holds too few matches is the whole order walked
/// against each condition's id list, built once (a cost that grows with the store, not the page).
/// </summary>
internal static class RunSearchQuery
{
    public const int MaxLimit = 1000;

    /// <summary>The fewest runs a window holds; it holds 20 times the page's end, up to <see cref="MaxWindow"/>.</summary>
    private const int MinWindow = 2_000;

    private const int MaxWindow = 20_000;

    public static IReadOnlyList<RunRow> Search(SqliteConnection connection, SqliteTransaction transaction, RunSearch search, TimeSpan deadAfter, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(search.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(search.Limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.Limit, MaxLimit);
        var ids = search.SortBy.IsConfig || search.SortBy.IsMetric
            ? IdsByIndexedValue(connection, transaction, search, deadAfter, now)
            : IdsByRunColumn(connection, transaction, search, deadAfter, now);
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
        // One snapshot: a contains/~ on a config key reads the key's distinct values before the count.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = filter is null
            ? "SELECT COUNT(*) FROM runs;"
            : $"SELECT COUNT(*) FROM ({new RunFilterCompiler(command).Set(filter)});";
        RunFilterCompiler.AddClock(command, deadAfter, now);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Ids ordered by a column of <c>runs</c> (or tags): the runs are walked, filtered, and sorted.</summary>
    private static List<long> IdsByRunColumn(SqliteConnection connection, SqliteTransaction transaction, RunSearch search, TimeSpan deadAfter, DateTime now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var compiler = new RunFilterCompiler(command);
        var where = search.Filter is null ? "1" : compiler.Condition(search.Filter);
        var direction = search.Descending ? "DESC" : "ASC";
        var byId = search.SortBy.IsAttribute && search.SortBy.Name == "id";
        if (byId && search.Filter is not null && Window(search) is { } window)
        {
            using var probe = connection.CreateCommand();
            probe.Transaction = transaction;
            var checks = new RunFilterCompiler(probe, correlated: true).Condition(search.Filter);
            probe.CommandText = $"""
                SELECT r.id FROM (SELECT id FROM runs ORDER BY id {direction} LIMIT $window) c CROSS JOIN runs r
                WHERE r.id = c.id AND ({checks}) ORDER BY r.id {direction} LIMIT $limit OFFSET $offset;
                """;
            var found = ReadPage(probe, search, window, deadAfter, now);
            if (found.Count == search.Limit)
            {
                return found;
            }
        }

        var order = byId
            ? $"r.id {direction}"
            : $"{compiler.Value(search.SortBy)} IS NULL, {compiler.Value(search.SortBy)} {direction}, r.id {direction}";
        command.CommandText = $"SELECT r.id FROM runs r WHERE {where} ORDER BY {order} LIMIT $limit OFFSET $offset;";
        command.Parameters.AddWithValue("$limit", search.Limit);
        command.Parameters.AddWithValue("$offset", search.Offset);
        RunFilterCompiler.AddClock(command, deadAfter, now);
        return ReadIds(command);
    }

    /// <summary>
    /// Ids ordered by a config value or a metric summary, read in order from that index (key, value, run id), so
    /// a page costs what it shows, not what the store holds: first the runs that have a value, then (by id) the
    /// runs that have none, wherever the page reaches them.
    /// </summary>
    private static List<long> IdsByIndexedValue(SqliteConnection connection, SqliteTransaction transaction, RunSearch search, TimeSpan deadAfter, DateTime now)
    {
        var field = search.SortBy;
        var direction = search.Descending ? "DESC" : "ASC";
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var compiler = new RunFilterCompiler(command);
        var filter = search.Filter is null ? "1" : compiler.Condition(search.Filter);
        var (table, match, value, runId) = field.IsConfig
            ? ("config_values v", $"v.key_id = (SELECT id FROM config_keys WHERE key = {compiler.Parameter(field.Name)}) AND v.value IS NOT NULL", "v.value", "v.run_id")
            : ("metrics m", $"m.name = {compiler.Parameter(field.Name)} AND m.{MetricColumn(field)} IS NOT NULL", "m." + MetricColumn(field), "m.run_id");
        var valued = $"SELECT {runId} FROM {table} WHERE {match}";
        if (search.Filter is not null && Window(search) is { } window)
        {
            using var probe = connection.CreateCommand();
            probe.Transaction = transaction;
            var checks = new RunFilterCompiler(probe, "$q", correlated: true).Condition(search.Filter);
            probe.Parameters.AddRange(ParametersOf(command, "$p"));
            probe.CommandText = $"""
                SELECT c.id FROM (SELECT {runId} AS id, {value} AS value FROM {table} WHERE {match} ORDER BY {value} {direction}, {runId} {direction} LIMIT $window) c
                CROSS JOIN runs r WHERE r.id = c.id AND ({checks}) ORDER BY c.value {direction}, c.id {direction} LIMIT $limit OFFSET $offset;
                """;
            var found = ReadPage(probe, search, window, deadAfter, now);
            if (found.Count == search.Limit)
            {
                return found;
            }
        }


        // CROSS JOIN keeps the value index as the outer loop: rows come in sort order and the LIMIT stops the walk.
        // Without a filter nothing of runs is needed: the walk stays inside the covering index. Joining runs for
        // every entry skipped cost a B-tree lookup each (page 500 of a config sort: ~250 ms against ~5 ms).
        var fromValued = search.Filter is null
            ? $"SELECT {runId} FROM {table} WHERE {match}"
            : $"SELECT {runId} FROM {table} CROSS JOIN runs r WHERE r.id = {runId} AND {match}";
        command.CommandText = $"{fromValued} AND ({filter}) ORDER BY {value} {direction}, {runId} {direction} LIMIT $limit OFFSET $offset;";
        command.Parameters.AddWithValue("$limit", search.Limit);
        command.Parameters.AddWithValue("$offset", search.Offset);
        RunFilterCompiler.AddClock(command, deadAfter, now);
        var ids = ReadIds(command);
        if (ids.Count == search.Limit)
        {
            return ids;
        }

        // The page reaches past the runs with a value: count them to know where the runs without one start.
        command.CommandText = $"SELECT COUNT(*) FROM ({fromValued} AND ({filter}));";
        var withValue = (long)command.ExecuteScalar()!;
        command.CommandText = $"""
            SELECT r.id FROM runs r WHERE ({filter}) AND r.id NOT IN ({valued})
            ORDER BY r.id {direction} LIMIT $rest OFFSET $skip;
            """;
        command.Parameters.AddWithValue("$rest", search.Limit - ids.Count);
        command.Parameters.AddWithValue("$skip", Math.Max(0, search.Offset - withValue));
        ids.AddRange(ReadIds(command));
        return ids;
    }

    /// <summary>How many runs the first look takes, or null when the page lies too deep for a window to pay.</summary>
    private static int? Window(RunSearch search)
    {
        var end = (long)search.Offset + search.Limit;
        return end * 20 <= MaxWindow ? Math.Max(MinWindow, (int)(end * 20)) : end <= MaxWindow / 4 ? MaxWindow : null;
    }

    private static List<long> ReadPage(SqliteCommand command, RunSearch search, int window, TimeSpan deadAfter, DateTime now)
    {
        command.Parameters.AddWithValue("$window", window);
        command.Parameters.AddWithValue("$limit", search.Limit);
        command.Parameters.AddWithValue("$offset", search.Offset);
        RunFilterCompiler.AddClock(command, deadAfter, now);
        return ReadIds(command);
    }

    private static SqliteParameter[] ParametersOf(SqliteCommand command, string prefix)
    {
        var copies = new List<SqliteParameter>();
        foreach (SqliteParameter parameter in command.Parameters)
        {
            if (parameter.ParameterName.StartsWith(prefix, StringComparison.Ordinal))
            {
                copies.Add(new SqliteParameter(parameter.ParameterName, parameter.Value));
            }
        }

        return [.. copies];
    }

    private static string MetricColumn(RunField field) => field.Aggregate switch
    {
        MetricAggregate.Last => "last_value",
        MetricAggregate.Min => "min_value",
        MetricAggregate.Max => "max_value",
        MetricAggregate.Mean => "mean_value",
        _ => "count",
    };

    private static List<long> ReadIds(SqliteCommand command)
    {
        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static ConfigNode? Node(SqliteDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        long integer => ConfigNode.From(integer),
        double real => ConfigNode.From(real),
        string text => ConfigNode.From(text),
        _ => null,
    };
}
