using System;
using System.Buffers;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage;

/// <summary>
/// Schema version 2, for the board: what it filters and sorts on must be answerable from indexes.
/// <list type="bullet">
/// <item><c>config_keys(id, key)</c> and <c>config_values(run_id, key_id, value)</c>: the flattened config
/// (see <see cref="ConfigValueIndex"/>), indexed by key and value; filled here for the runs already stored.</item>
/// <item><c>run_tags(run_id, tag)</c> and <c>run_notes(run_id, notes, updated)</c>: what users curate in the
/// board; a run's <c>-c</c> comment stays in <c>runs.comment</c>.</item>
/// <item><c>metrics.sum_value</c> and <c>metrics.sum_count</c>: the sum and number of the non-NaN values, kept at
/// write time like min and max; <c>mean_value</c> is computed from them (a virtual column, indexed). Filled here by
/// decoding the stored chunks once.</item>
/// <item>Indexes on each metric summary by name and on <c>runs.hostname</c>.</item>
/// </list>
/// </summary>
internal static class StoreSchemaVersion2
{
    public const string Description = "add the flattened config, tags, notes and metric means";

    public static readonly string Sql = """
        CREATE TABLE config_keys (
            id  INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE
        );

        CREATE TABLE config_values (
            run_id INTEGER NOT NULL REFERENCES runs (id),
            key_id INTEGER NOT NULL REFERENCES config_keys (id),
            value,
            PRIMARY KEY (run_id, key_id)
        ) WITHOUT ROWID;
        CREATE INDEX config_values_by_key ON config_values (key_id, value);

        CREATE TABLE run_tags (
            run_id INTEGER NOT NULL REFERENCES runs (id),
            tag    TEXT NOT NULL,
            PRIMARY KEY (run_id, tag)
        ) WITHOUT ROWID;
        CREATE INDEX run_tags_by_tag ON run_tags (tag);

        CREATE TABLE run_notes (
            run_id  INTEGER PRIMARY KEY REFERENCES runs (id),
            notes   TEXT NOT NULL,
            updated INTEGER NOT NULL
        );

        ALTER TABLE metrics ADD COLUMN sum_value REAL;
        ALTER TABLE metrics ADD COLUMN sum_count INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE metrics ADD COLUMN mean_value REAL GENERATED ALWAYS AS (sum_value / NULLIF(sum_count, 0)) VIRTUAL;
        CREATE INDEX metrics_by_name_last ON metrics (name, last_value);
        CREATE INDEX metrics_by_name_min ON metrics (name, min_value);
        CREATE INDEX metrics_by_name_max ON metrics (name, max_value);
        CREATE INDEX metrics_by_name_mean ON metrics (name, mean_value);

        CREATE INDEX runs_by_hostname ON runs (hostname);

        """ + ConfigValueIndex.InsertSql("1");

    /// <summary>Sums the stored points of every metric (the version 1 writer kept no sum).</summary>
    public static void Backfill(SqliteConnection connection, SqliteTransaction transaction)
    {
        var sums = new List<(long Id, double Sum, long Count)>();
        var steps = ArrayPool<long>.Shared.Rent(MetricChunkCodec.MaxPointsPerChunk);
        var values = ArrayPool<double>.Shared.Rent(MetricChunkCodec.MaxPointsPerChunk);
        var times = ArrayPool<long>.Shared.Rent(MetricChunkCodec.MaxPointsPerChunk);
        try
        {
            using var read = connection.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = "SELECT metric_id, data FROM metric_chunks ORDER BY metric_id, seq;";
            using var reader = read.ExecuteReader();
            long current = -1;
            double sum = 0;
            long count = 0;
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (id != current)
                {
                    if (current >= 0)
                    {
                        sums.Add((current, sum, count));
                    }

                    (current, sum, count) = (id, 0, 0);
                }

                var points = MetricChunkCodec.Decode(reader.GetFieldValue<byte[]>(1), steps, values, times);
                foreach (var value in values.AsSpan(0, points))
                {
                    if (!double.IsNaN(value))
                    {
                        sum += value;
                        count++;
                    }
                }
            }

            if (current >= 0)
            {
                sums.Add((current, sum, count));
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(steps);
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<long>.Shared.Return(times);
        }

        using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "UPDATE metrics SET sum_value = $sum, sum_count = $count WHERE id = $id;";
        var sumParameter = write.Parameters.Add("$sum", SqliteType.Real);
        var countParameter = write.Parameters.Add("$count", SqliteType.Integer);
        var idParameter = write.Parameters.Add("$id", SqliteType.Integer);
        foreach (var (id, sum, count) in sums)
        {
            sumParameter.Value = count == 0 || double.IsNaN(sum) ? DBNull.Value : sum;
            countParameter.Value = count;
            idParameter.Value = id;
            write.ExecuteNonQuery();
        }
    }
}
