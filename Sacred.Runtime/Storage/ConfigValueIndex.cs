using Microsoft.Data.Sqlite;

namespace Sacred.Storage;

/// <summary>
/// Keeps <c>config_values</c>: every leaf of a run's config under its dotted key (<c>model.depth</c>, to any depth),
/// so the board filters and sorts on config keys through an index instead of parsing JSON run by run. Written in
/// the transaction that writes <c>run_records.config</c>, by the same SQL that the version 2 migration used to fill
/// it for older runs, so both agree on every key.
/// <list type="bullet">
/// <item>Numbers are stored as numbers, strings as text, <c>true</c>/<c>false</c> as the text <c>'true'</c>/<c>'false'</c>,
/// lists as their JSON text, null (and NaN) as NULL. Objects are not leaves; an empty object leaves no key.</item>
/// <item>A key whose name contains a dot is joined as is (<c>a.b</c> under <c>x</c> is <c>x.a.b</c>), as the
/// command line spells it.</item>
/// </list>
/// </summary>
internal static class ConfigValueIndex
{
    /// <summary>The leaves of <c>run_records.config</c> for the runs <paramref name="runFilter"/> selects from <c>run_records d</c>.</summary>
    private static string Leaves(string runFilter) => $"""
        WITH RECURSIVE walk(run_id, key, value, type) AS (
            SELECT d.run_id, j.key, j.value, j.type FROM run_records d, json_each(d.config) j WHERE {runFilter}
            UNION ALL
            SELECT w.run_id, w.key || '.' || j.key, j.value, j.type FROM walk w, json_each(w.value) j WHERE w.type = 'object'
        )
        """;

    /// <summary>Fills <c>config_keys</c> and <c>config_values</c> for the runs <paramref name="runFilter"/> selects.</summary>
    public static string InsertSql(string runFilter) => $"""
        {Leaves(runFilter)}
        INSERT OR IGNORE INTO config_keys (key) SELECT DISTINCT key FROM walk WHERE type <> 'object';
        {Leaves(runFilter)}
        INSERT OR REPLACE INTO config_values (run_id, key_id, value)
        SELECT w.run_id, k.id, CASE w.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE w.value END
        FROM walk w JOIN config_keys k ON k.key = w.key
        WHERE w.type <> 'object';
        """;

    /// <summary>Replaces the indexed config of one run with what <c>run_records.config</c> holds now.</summary>
    public static void Write(SqliteConnection connection, SqliteTransaction transaction, long runId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM config_values WHERE run_id = $run;\n" + InsertSql("d.run_id = $run");
        command.Parameters.AddWithValue("$run", runId);
        command.ExecuteNonQuery();
    }
}
