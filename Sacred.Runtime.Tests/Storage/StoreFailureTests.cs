using System;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Storage;
using Sacred.Storage.Reading;
using Xunit;
using Xunit.Abstractions;

using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

public sealed class StoreFailureTests(ITestOutputHelper output)
{
    private static void CreateForeignDatabase(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE users (name TEXT); CREATE TABLE orders (id INTEGER); INSERT INTO users VALUES ('ada');";
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_foreign_database_is_refused_by_name_and_left_byte_for_byte_unchanged()
    {
        using var temp = new TempFiles();
        var path = temp.PathOf("runs.db");
        CreateForeignDatabase(path);
        var before = File.ReadAllBytes(path);

        var error = Assert.Throws<ObserverUnavailableException>(() => new EmbeddedStoreObserver(temp.Directory).Open());
        var readError = Assert.Throws<StoreException>(() => RunStore.Open(temp.Directory));

        Assert.Equal($"{path} is not a Sacred store (found tables: orders, users); give --store a new or empty folder.", error.Message);
        Assert.Equal(error.Message, readError.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + "-wal"));
        Assert.False(Directory.Exists(temp.PathOf("files")), "nothing is created next to a foreign database either");
    }

    [Fact]
    public void A_corrupt_database_is_refused_as_corrupt_and_left_unchanged()
    {
        using var temp = new TempFiles();
        var path = temp.PathOf("runs.db");
        var garbage = new byte[16384];
        new Random(3).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);

        var error = Assert.Throws<ObserverUnavailableException>(() => new EmbeddedStoreObserver(temp.Directory).Open());
        var readError = Assert.Throws<StoreException>(() => RunStore.Open(temp.Directory));

        Assert.StartsWith($"{path} is corrupt: ", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path} is corrupt: ", readError.Message, StringComparison.Ordinal);
        Assert.Equal(garbage, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_text_file_named_runs_db_is_refused_and_left_unchanged()
    {
        using var temp = new TempFiles();
        var path = temp.Write("runs.db", "not a database at all");

        var error = Assert.Throws<ObserverUnavailableException>(() => new EmbeddedStoreObserver(temp.Directory).Open());

        Assert.StartsWith($"{path} is corrupt: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("not a database at all", File.ReadAllText(path));
    }

    [Fact]
    public void A_store_folder_that_cannot_be_created_fails_open_with_one_line()
    {
        using var temp = new TempFiles();
        var file = temp.Write("plain-file", "x");
        var directory = Path.Combine(file, "runs");

        var error = Assert.Throws<ObserverUnavailableException>(() => new EmbeddedStoreObserver(directory).Open());

        Assert.StartsWith($"Cannot create the store folder {directory}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_read_only_store_folder_fails_open_with_one_line()
    {
        using var temp = new TempFiles();
        var directory = temp.PathOf("readonly");
        Directory.CreateDirectory(directory);
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("Skipped: Unix permission bits only.");
            return;
        }

        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            if (CanWriteIn(directory))
            {
                // root ignores permission bits; the path-under-a-file test covers the same failure for root.
                output.WriteLine("Skipped: this process can write to a read-only folder (running as root).");
                return;
            }

            var error = Assert.Throws<ObserverUnavailableException>(() => new EmbeddedStoreObserver(directory).Open());
            Assert.DoesNotContain('\n', error.Message);
            Assert.Contains(directory, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Reading_a_folder_without_a_store_says_so()
    {
        using var temp = new TempFiles();
        var error = Assert.Throws<StoreException>(() => RunStore.Open(temp.Directory));
        Assert.Equal($"There is no Sacred store at {temp.Directory} (runs.db not found).", error.Message);
        Assert.False(File.Exists(temp.PathOf("runs.db")));
    }

    [Fact]
    public void A_heartbeat_whose_transaction_fails_leaves_nothing_behind_and_can_be_sent_again()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        observer.HeartbeatEvent(Beat(Start.AddSeconds(1), "first\n", metrics: Metric("loss", 0, Start, 1.0)));
        using (var saboteur = new SqliteConnection($"Data Source={temp.PathOf("runs.db")};Pooling=False"))
        {
            saboteur.Open();
            using var command = saboteur.CreateCommand();
            command.CommandText = "CREATE TRIGGER full_disk BEFORE INSERT ON metric_chunks BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;";
            command.ExecuteNonQuery();
        }

        var beat = Beat(Start.AddSeconds(2), "second\n", ConfigNode.From(0.5), metrics: Metric("loss", 1, Start, 0.5));
        var error = Assert.Throws<ObserverUnavailableException>(() => observer.HeartbeatEvent(beat));
        Assert.Contains("cannot record a heartbeat", error.Message, StringComparison.Ordinal);
        Assert.Contains("database or disk is full", error.Message, StringComparison.Ordinal);

        using (var store = RunStore.Open(temp.Directory))
        {
            var run = store.GetRun(1)!;
            Assert.Equal("first\n", store.ReadOutput(1, 0, 100)!.Text);
            Assert.Equal(Start.AddSeconds(1), run.Summary.Heartbeat);
            Assert.Null(run.Summary.Result);
            Assert.Equal(1, Assert.Single(run.Metrics).Count);
        }

        using (var repair = new SqliteConnection($"Data Source={temp.PathOf("runs.db")};Pooling=False"))
        {
            repair.Open();
            using var command = repair.CreateCommand();
            command.CommandText = "DROP TRIGGER full_disk;";
            command.ExecuteNonQuery();
        }

        observer.HeartbeatEvent(beat);
        observer.Close();
        using (var store = RunStore.Open(temp.Directory))
        {
            var run = store.GetRun(1)!;
            Assert.Equal("first\nsecond\n", store.ReadOutput(1, 0, 100)!.Text);
            Assert.Equal(ConfigNode.From(0.5), run.Summary.Result);
            var loss = Assert.Single(run.Metrics);
            Assert.Equal(2, loss.Count);
            Assert.Equal([1.0, 0.5], store.GetMetric(1, "loss", 10)!.Points.Select(p => p.Value));
        }
    }

    private static bool CanWriteIn(string directory)
    {
        try
        {
            File.WriteAllText(Path.Combine(directory, "probe"), "x");
            File.Delete(Path.Combine(directory, "probe"));
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
