using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage.Reading;

/// <summary>
/// Reads distinct names and values by skipping through an index from one value to the next (a loose index scan),
/// so the cost grows with the number of distinct values, not with the number of runs.
/// </summary>
internal static class CatalogReader
{
    /// <summary>The most distinct values one list holds.</summary>
    public const int MaxValues = 5000;

    public static StoreCatalog Read(SqliteConnection connection, SqliteTransaction transaction)
    {
        var keys = new List<CatalogKey>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT k.key, (SELECT typeof(v.value) FROM config_values v WHERE v.key_id = k.id AND v.value IS NOT NULL LIMIT 1)
                FROM config_keys k
                WHERE EXISTS (SELECT 1 FROM config_values v WHERE v.key_id = k.id)
                ORDER BY k.key;
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var kind = reader.IsDBNull(1) ? "null" : reader.GetString(1) is "integer" or "real" ? "number" : "text";
                keys.Add(new CatalogKey(reader.GetString(0), kind));
            }
        }

        return new StoreCatalog(
            keys,
            Distinct(connection, transaction, "metrics", "name"),
            Distinct(connection, transaction, "run_tags", "tag"),
            Distinct(connection, transaction, "runs", "experiment_name"),
            Distinct(connection, transaction, "runs", "hostname"),
            Distinct(connection, transaction, "runs", "status"));
    }

    /// <summary>Distinct values of a config key, smallest first.</summary>
    public static IReadOnlyList<object> ConfigValues(SqliteConnection connection, SqliteTransaction transaction, string key, int limit)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            WITH RECURSIVE k(id) AS (SELECT id FROM config_keys WHERE key = $key),
            d(v) AS (
                SELECT (SELECT MIN(value) FROM config_values, k WHERE key_id = k.id)
                UNION ALL
                SELECT (SELECT MIN(value) FROM config_values, k WHERE key_id = k.id AND value > d.v) FROM d WHERE d.v IS NOT NULL
            )
            SELECT v FROM d WHERE v IS NOT NULL LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$limit", limit);
        var values = new List<object>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }

    private static List<string> Distinct(SqliteConnection connection, SqliteTransaction transaction, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            WITH RECURSIVE d(v) AS (
                SELECT (SELECT MIN({column}) FROM {table})
                UNION ALL
                SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > d.v) FROM d WHERE d.v IS NOT NULL
            )
            SELECT v FROM d WHERE v IS NOT NULL LIMIT {MaxValues};
            """;
        var values = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
