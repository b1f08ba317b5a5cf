using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Sacred.Recording;

namespace Sacred.Storage.Reading;

/// <summary>
/// The SQL behind <see cref="RunStore.ListRuns"/> and the summary part of <see cref="RunStore.GetRun"/>: the
/// <c>listed</c> view adds the effective status (PROBABLY_DEAD for stale RUNNING runs) and the duration to each run.
/// Filters on stored columns go inside the view, where SQLite can use the indexes.
/// </summary>
internal static class RunListing
{
    private static readonly RunSortKey s_byId = new("id", null, null);

    private const string Columns =
        "id, custom_id, experiment_name, command, effective_status, queue_time, start_time, stop_time, heartbeat, duration, result, comment, seed, hostname";

    public static SqliteCommand CreateQuery(SqliteConnection connection, RunQuery query, TimeSpan deadAfter, DateTime now)
    {
        var sort = RunSortKey.Parse(query.SortBy);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        var command = connection.CreateCommand();
        var inner = new List<string>();
        var outer = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            var stored = new SortedSet<string>(StringComparer.Ordinal);
            var effective = new List<string>();
            for (var i = 0; i < statuses.Count; i++)
            {
                stored.Add(statuses[i] == EffectiveStatus.ProbablyDead ? RunStatus.Running : statuses[i]);
                effective.Add("$status" + i.ToString(CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue(effective[^1], statuses[i]);
            }

            var storedNames = new List<string>();
            foreach (var status in stored)
            {
                storedNames.Add("$stored" + storedNames.Count.ToString(CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue(storedNames[^1], status);
            }

            inner.Add($"r.status IN ({string.Join(", ", storedNames)})");
            outer.Add($"effective_status IN ({string.Join(", ", effective)})");
        }

        if (query.Experiment is { } experiment)
        {
            inner.Add("r.experiment_name = $experiment");
            command.Parameters.AddWithValue("$experiment", experiment);
        }

        if (!string.IsNullOrEmpty(query.CommentContains))
        {
            inner.Add("instr(lower(r.comment), lower($comment)) > 0");
            command.Parameters.AddWithValue("$comment", query.CommentContains);
        }

        var direction = query.Descending ? "DESC" : "ASC";
        var order = sort.Column == "id"
            ? $"id {direction}"
            : $"{sort.Column} IS NULL, {sort.Column} {direction}, id {direction}";
        command.CommandText = $"""
            {View(sort, inner)}
            SELECT {Columns} FROM listed {Where(outer)}
            ORDER BY {order}
            LIMIT $limit OFFSET $offset;
            {View(s_byId, inner)}
            SELECT COUNT(*) FROM listed {Where(outer)};
            """;
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.Parameters.AddWithValue("$offset", query.Offset);
        AddClock(command, sort, deadAfter, now);
        return command;
    }

    public static SqliteCommand CreateLookup(SqliteConnection connection, long id, TimeSpan deadAfter, DateTime now)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"{View(s_byId, ["r.id = $id"])} SELECT {Columns} FROM listed;";
        command.Parameters.AddWithValue("$id", id);
        AddClock(command, s_byId, deadAfter, now);
        return command;
    }

    public static RunSummary Read(SqliteDataReader reader) =>
        new(
            reader.GetInt64(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            Time(reader, 5),
            Time(reader, 6),
            Time(reader, 7),
            Time(reader, 8),
            reader.IsDBNull(9) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(9)),
            StoredJson.ReadOrNull(reader.IsDBNull(10) ? null : reader.GetString(10)),
            reader.IsDBNull(11) ? null : reader.GetString(11),
            reader.GetInt64(12),
            reader.IsDBNull(13) ? null : reader.GetString(13));

    internal static DateTime? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixTime.FromMs(reader.GetInt64(ordinal));

    private static string View(RunSortKey sort, List<string> filters)
    {
        var view = new StringBuilder("""
            WITH listed AS (
                SELECT r.id, r.custom_id, r.experiment_name, r.command, r.queue_time, r.start_time, r.stop_time,
                       r.heartbeat, r.result, r.result_value, r.comment, r.seed, r.hostname,
                       CASE WHEN r.status = 'RUNNING' AND COALESCE(r.heartbeat, r.start_time) < $dead_before
                            THEN 'PROBABLY_DEAD' ELSE r.status END AS effective_status,
                       CASE WHEN r.start_time IS NULL THEN NULL
                            WHEN r.stop_time IS NOT NULL THEN r.stop_time - r.start_time
                            WHEN r.status <> 'RUNNING' THEN NULL
                            WHEN COALESCE(r.heartbeat, r.start_time) < $dead_before
                                 THEN r.heartbeat - r.start_time
                            ELSE $now - r.start_time END AS duration
            """);
        if (sort.MetricColumn is not null)
        {
            view.Append($",\n           m.{sort.MetricColumn} AS sort_metric\n    FROM runs r LEFT JOIN metrics m ON m.run_id = r.id AND m.name = $metric");
        }
        else
        {
            view.Append("\n    FROM runs r");
        }

        if (filters.Count > 0)
        {
            view.Append("\n    WHERE ").Append(string.Join(" AND ", filters));
        }

        return view.Append("\n)").ToString();
    }

    private static string Where(List<string> filters) => filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);

    private static void AddClock(SqliteCommand command, RunSortKey sort, TimeSpan deadAfter, DateTime now)
    {
        var nowMs = UnixTime.ToMs(now);
        command.Parameters.AddWithValue("$now", nowMs);
        command.Parameters.AddWithValue("$dead_before", nowMs - (long)deadAfter.TotalMilliseconds);
        if (sort.MetricName is { } metric)
        {
            command.Parameters.AddWithValue("$metric", metric);
        }
    }
}
