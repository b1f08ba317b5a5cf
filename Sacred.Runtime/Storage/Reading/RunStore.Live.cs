using System;
using System.Collections.Generic;
using System.Text;

namespace Sacred.Storage.Reading;

public sealed partial class RunStore
{
    /// <summary>
    /// Reads, in one statement, what a live view needs each tick: the state of every QUEUED or RUNNING run, of every
    /// run newer than <paramref name="afterId"/> and of the runs in <paramref name="alsoIds"/> (those that were
    /// running at the last tick, to see them end), and the largest run id. Uses the status index and the primary key
    /// only, so its cost follows the number of active runs, not the size of the store.
    /// </summary>
    /// <param name="afterId">The largest id seen at the last tick.</param>
    /// <param name="alsoIds">Runs to read whatever their status.</param>
    /// <returns>The largest run id (0 for an empty store) and the states read.</returns>
    public (long MaxId, IReadOnlyList<RunLiveState> Runs) ReadLiveStates(long afterId, IEnumerable<long> alsoIds)
    {
        ArgumentNullException.ThrowIfNull(alsoIds);
        var also = new StringBuilder("[");
        foreach (var id in alsoIds)
        {
            if (also.Length > 1)
            {
                also.Append(',');
            }

            also.Append(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        also.Append(']');
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Three searches, not one WHERE with OR: SQLite scans the whole table for that OR (about 50 ms over 100,000
        // runs), and its statistics (three statuses over 100,000 runs) would also have it scan for the status alone.
        command.CommandText = """
            SELECT id, status, start_time, heartbeat, stop_time, output_chars FROM runs INDEXED BY runs_by_status
            WHERE status IN ('RUNNING', 'QUEUED')
            UNION
            SELECT id, status, start_time, heartbeat, stop_time, output_chars FROM runs WHERE id > $after
            UNION
            SELECT id, status, start_time, heartbeat, stop_time, output_chars FROM runs
            WHERE id IN (SELECT value FROM json_each($also));
            SELECT coalesce(max(id), 0) FROM runs;
            """;
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$also", also.ToString());
        using var reader = command.ExecuteReader();
        var runs = new List<RunLiveState>();
        while (reader.Read())
        {
            runs.Add(new RunLiveState(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : UnixTime.FromMs(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : UnixTime.FromMs(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : UnixTime.FromMs(reader.GetInt64(4)),
                reader.GetInt64(5)));
        }

        reader.NextResult();
        reader.Read();
        return (reader.GetInt64(0), runs);
    }
}
