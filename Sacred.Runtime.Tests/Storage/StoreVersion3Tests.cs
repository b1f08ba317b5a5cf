using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Sacred.Storage.Reading;
using Xunit;
using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

/// <summary>Schema v3: the metric summary indexes cover the run id, also in a store written at v2.</summary>
public sealed class StoreVersion3Tests
{
    private static SqliteConnection Open(string directory)
    {
        var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(directory, "runs.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private static List<string> IndexColumns(SqliteConnection connection, string index)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno;";
        var columns = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    [Fact]
    public void A_version_2_store_gets_metric_summary_indexes_that_cover_the_run_id_and_keeps_its_runs()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        observer.HeartbeatEvent(Beat(Start.AddSeconds(5), metrics: Metric("loss", 0, Start, 3.0, 1.0, 2.0)));
        observer.Close();
        using (var connection = Open(temp.Directory))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                DROP TRIGGER metric_chunk_summaries_follow_chunks; DROP TABLE metric_chunk_summaries;
                DROP TABLE build_files; DROP TABLE builds; ALTER TABLE run_records DROP COLUMN build_hash;
                DROP INDEX metrics_by_name_last; DROP INDEX metrics_by_name_min; DROP INDEX metrics_by_name_max; DROP INDEX metrics_by_name_mean;
                CREATE INDEX metrics_by_name_last ON metrics (name, last_value); CREATE INDEX metrics_by_name_min ON metrics (name, min_value);
                CREATE INDEX metrics_by_name_max ON metrics (name, max_value); CREATE INDEX metrics_by_name_mean ON metrics (name, mean_value);
                DROP INDEX runs_by_queue; DROP INDEX runs_by_lease;
                ALTER TABLE runs DROP COLUMN worker; ALTER TABLE runs DROP COLUMN lease_expires; ALTER TABLE runs DROP COLUMN attempts;
                PRAGMA user_version = 2;
                """;
            command.ExecuteNonQuery();
        }

        using (var store = RunStore.Open(temp.Directory))
        {
            var low = store.Count(new FieldComparison(RunField.Metric("loss", MetricAggregate.Min), ComparisonOperator.Less, FilterValue.FromNumber(1.5)));
            Assert.Equal(1, low);
        }

        using var upgraded = Open(temp.Directory);
        Assert.Equal(["name", "last_value", "run_id"], IndexColumns(upgraded, "metrics_by_name_last"));
        Assert.Equal(["name", "min_value", "run_id"], IndexColumns(upgraded, "metrics_by_name_min"));
        Assert.Equal(["name", "max_value", "run_id"], IndexColumns(upgraded, "metrics_by_name_max"));
        Assert.Equal(["name", "mean_value", "run_id"], IndexColumns(upgraded, "metrics_by_name_mean"));
    }
}
