using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Storage;
using Sacred.Storage.Reading;
using Xunit;

using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

public sealed class StoreMigrationTests
{
    private static readonly StoreMigration s_fakeVersion2 = new(
        StoreSchema.CurrentVersion + 1,
        "add run tags",
        "CREATE TABLE fake_tags (run_id INTEGER NOT NULL, tag TEXT NOT NULL); ALTER TABLE runs ADD COLUMN note TEXT;");

    private static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [Fact]
    public void A_new_store_is_created_through_the_migrations_and_marked_as_ours()
    {
        using var temp = new TempFiles();
        OpenObserver(temp.Directory).Close();

        var path = temp.PathOf("runs.db");
        Assert.Equal((long)StoreSchema.ApplicationId, Scalar(path, "PRAGMA application_id;"));
        Assert.Equal((long)StoreSchema.CurrentVersion, Scalar(path, "PRAGMA user_version;"));
        Assert.Equal("sacred-dotnet-store", Scalar(path, "SELECT value FROM store_info WHERE key = 'format';"));
        Assert.Equal("wal", Scalar(path, "PRAGMA journal_mode;"));
    }

    [Fact]
    public void An_older_store_is_upgraded_in_place_and_keeps_its_runs()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        observer.Close();

        List<StoreMigration> migrations = [.. StoreSchema.Migrations, s_fakeVersion2];
        using (StoreDatabase.OpenForWriting(temp.Directory, migrations))
        {
        }

        var path = temp.PathOf("runs.db");
        Assert.Equal((long)StoreSchema.CurrentVersion + 1, Scalar(path, "PRAGMA user_version;"));
        Assert.Equal(0L, Scalar(path, "SELECT COUNT(*) FROM fake_tags;"));
        Assert.Equal("mnist", Scalar(path, "SELECT experiment_name FROM runs WHERE id = 1 AND note IS NULL;"));

        using (StoreDatabase.OpenForWriting(temp.Directory, migrations))
        {
        }

        Assert.Equal((long)StoreSchema.CurrentVersion + 1, Scalar(path, "PRAGMA user_version;"));
    }

    [Fact]
    public void A_store_left_at_version_0_is_completed_on_open_by_writer_or_reader()
    {
        using var temp = new TempFiles();
        var path = temp.PathOf("runs.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA application_id = {StoreSchema.ApplicationId};";
            command.ExecuteNonQuery();
        }

        using (var store = RunStore.Open(temp.Directory))
        {
            Assert.Equal(0, store.ListRuns(new RunQuery()).TotalCount);
        }

        Assert.Equal((long)StoreSchema.CurrentVersion, Scalar(path, "PRAGMA user_version;"));
    }

    [Fact]
    public void A_failing_migration_leaves_the_store_at_its_old_version()
    {
        using var temp = new TempFiles();
        OpenObserver(temp.Directory).Close();
        var broken = new StoreMigration(StoreSchema.CurrentVersion + 1, "a broken step", "CREATE TABLE ok_so_far (x); ALTER TABLE no_such_table ADD COLUMN y;");

        var error = Assert.Throws<StoreException>(() => StoreDatabase.OpenForWriting(temp.Directory, [.. StoreSchema.Migrations, broken]));

        Assert.Contains("Cannot upgrade", error.Message, StringComparison.Ordinal);
        Assert.Contains($"store schema v{StoreSchema.CurrentVersion + 1} (a broken step)", error.Message, StringComparison.Ordinal);
        var path = temp.PathOf("runs.db");
        Assert.Equal((long)StoreSchema.CurrentVersion, Scalar(path, "PRAGMA user_version;"));
        Assert.Equal(0L, Scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'ok_so_far';"));
    }

    [Fact]
    public void A_store_from_a_newer_Sacred_is_refused_and_left_unchanged()
    {
        using var temp = new TempFiles();
        OpenObserver(temp.Directory).Close();
        var path = temp.PathOf("runs.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(path);
        var error = Assert.Throws<ObserverUnavailableException>(() => new EmbeddedStoreObserver(temp.Directory).Open());
        var readError = Assert.Throws<StoreException>(() => RunStore.Open(temp.Directory));

        Assert.Equal(
            $"{path} was written by a newer Sacred (store schema v99; this version reads up to v{StoreSchema.CurrentVersion}); upgrade Sacred to use it.",
            error.Message);
        Assert.Equal(error.Message, readError.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }
}
