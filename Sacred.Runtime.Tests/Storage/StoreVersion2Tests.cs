using System;
using System.Linq;
using Microsoft.Data.Sqlite;
using Sacred.Storage;
using Sacred.Storage.Reading;
using Sacred.Storage.Writing;
using Xunit;
using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

/// <summary>Schema v2: the flattened config and metric means, kept at write time and filled in for older stores.</summary>
public sealed class StoreVersion2Tests
{
    private static void Record(string directory, double learningRate, params double[] losses)
    {
        var observer = OpenObserver(directory);
        observer.StartedEvent(Started().WithLearningRate(learningRate));
        observer.HeartbeatEvent(Beat(Start.AddSeconds(5), metrics: Metric("loss", 0, Start, losses)));
        observer.Close();
    }

    private static void Execute(string directory, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={System.IO.Path.Combine(directory, "runs.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_written_run_has_its_config_leaves_indexed_and_its_metric_mean_kept()
    {
        using var temp = new TempFiles();
        Record(temp.Directory, 0.1, 1.0, double.NaN, 3.0);
        Record(temp.Directory, 0.5, 4.0);
        using var store = RunStore.Open(temp.Directory);

        var rows = store.Search(new RunSearch
        {
            Filter = new FieldComparison(RunField.Config("model.depth"), ComparisonOperator.Equal, FilterValue.FromInteger(3)),
            SortBy = RunField.Config("learning_rate"),
            Descending = false,
            Columns = [RunField.Config("name"), RunField.Config("layers"), RunField.Metric("loss", MetricAggregate.Mean)],
        });

        Assert.Equal([1L, 2L], rows.Select(r => r.Summary.Id));
        Assert.Equal("adam", rows[0].Values[0]!.StringValue);
        Assert.Equal("[1,2]", rows[0].Values[1]!.StringValue);
        Assert.Equal(2.0, rows[0].Values[2]!.FloatValue);
        Assert.Equal(2.0, store.GetRun(1)!.Metrics.Single().Mean);
    }

    [Fact]
    public void A_version_1_store_is_upgraded_with_its_config_values_and_means_filled_in()
    {
        using var temp = new TempFiles();
        Record(temp.Directory, 0.1, 1.0, 2.0, 6.0);
        Record(temp.Directory, 0.5, 4.0);
        Execute(temp.Directory, """
            DROP TRIGGER metric_chunk_summaries_follow_chunks; DROP TABLE metric_chunk_summaries;
            DROP TABLE build_files; DROP TABLE builds; ALTER TABLE run_records DROP COLUMN build_hash;
            DROP INDEX runs_by_queue; DROP INDEX runs_by_lease;
            ALTER TABLE runs DROP COLUMN worker; ALTER TABLE runs DROP COLUMN lease_expires; ALTER TABLE runs DROP COLUMN attempts;
            DROP INDEX metrics_by_name_last; DROP INDEX metrics_by_name_min; DROP INDEX metrics_by_name_max;
            DROP INDEX metrics_by_name_mean; DROP INDEX runs_by_hostname;
            ALTER TABLE metrics DROP COLUMN mean_value; ALTER TABLE metrics DROP COLUMN sum_count; ALTER TABLE metrics DROP COLUMN sum_value;
            DROP TABLE config_values; DROP TABLE config_keys; DROP TABLE run_tags; DROP TABLE run_notes;
            PRAGMA user_version = 1;
            """);

        using var store = RunStore.Open(temp.Directory);

        var high = store.Count(new FieldComparison(RunField.Config("learning_rate"), ComparisonOperator.Greater, FilterValue.FromNumber(0.2)));
        var means = store.Search(new RunSearch { Descending = false, Columns = [RunField.Metric("loss", MetricAggregate.Mean)] });
        Assert.Equal(1, high);
        Assert.Equal([3.0, 4.0], means.Select(r => r.Values[0]!.FloatValue));
        Assert.Contains(store.GetCatalog().ConfigKeys, k => k.Key == "model.width" && k.Kind == "number");
    }
}

internal static class StartedEventWith
{
    public static Sacred.Recording.RunStartedEvent WithLearningRate(this Sacred.Recording.RunStartedEvent started, double learningRate) =>
        started with { Config = started.Config.WithValue("learning_rate", Sacred.ConfigNode.From(learningRate)) };
}
