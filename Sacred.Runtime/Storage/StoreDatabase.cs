using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage;

/// <summary>
/// Opens <c>runs.db</c>. A file is inspected before anything is written to it, so a foreign or corrupt database is
/// refused untouched; a new file, or a store of an older schema, is brought to the current schema in one
/// <c>BEGIN IMMEDIATE</c> transaction that looks again under the write lock (many processes may open a new store
/// at the same time).
/// </summary>
internal static class StoreDatabase
{
    /// <summary>How long a writer waits for another process's write lock before giving up.</summary>
    private const int BusyTimeoutSeconds = 30;

    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int SqliteDbConfigNoCheckpointOnClose = 1006;

    /// <summary>Opens (and if needed creates or upgrades) the store for writing; throws <see cref="StoreException"/>.</summary>
    /// <param name="directory">The store folder.</param>
    /// <param name="syncEachCommit">
    /// True: every commit is on disk when it returns (<c>synchronous=FULL</c>: one WAL fsync per commit), for
    /// one-off edits. False: commits survive the process being killed but wait for the next checkpoint, or a
    /// commit made after <see cref="SyncEachCommit"/>, to survive a machine crash (<c>synchronous=NORMAL</c>); a
    /// run's writer uses this and makes its last commit durable.
    /// </param>
    public static SqliteConnection OpenForWriting(string directory, bool syncEachCommit = true) =>
        OpenForWriting(directory, StoreSchema.Migrations, syncEachCommit);

    /// <summary>From now on, every commit on <paramref name="connection"/> is on disk when it returns.</summary>
    /// <remarks>
    /// In WAL mode the commit's fsync of the WAL covers every earlier commit too (the WAL is written in order), so
    /// switching before a run's last transaction makes the whole record durable with one sync.
    /// </remarks>
    public static void SyncEachCommit(SqliteConnection connection) => Execute(connection, "PRAGMA synchronous = FULL;");

    /// <inheritdoc cref="OpenForWriting(string, bool)"/>
    public static SqliteConnection OpenForWriting(string directory, IReadOnlyList<StoreMigration> migrations, bool syncEachCommit = true)
    {
        var path = StoreLayout.DatabasePath(directory);
        var exists = File.Exists(path);
        if (!exists)
        {
            CreateFolder(directory);
        }

        var connection = Connect(path, exists ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate, pooling: false);
        try
        {
            var found = Inspect(connection, path);
            Check(found, path, migrations);
            ProbeFolder(directory);
            // Neither writes anything when the store is already in WAL mode (every store after its creation).
            Execute(connection, "PRAGMA journal_mode = WAL;");
            // WAL with synchronous=NORMAL: a commit is appended to the WAL without an fsync. It survives the
            // process being killed (kill -9, a crash: the OS has the pages) and is lost only if the machine
            // itself goes down before the next sync, which comes with a WAL checkpoint (every ~4 MB of WAL, and
            // when the last connection closes) or with a commit after SyncEachCommit. The WAL is never corrupted
            // either way: SQLite's checksums stop recovery at the last whole commit.
            Execute(connection, syncEachCommit ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");
            if (!syncEachCommit)
            {
                // No checkpoint when this connection closes: closing would otherwise copy the WAL into the
                // database, sync both and delete the WAL, which the next run then creates again (and syncs its
                // directory): 3-4 syncs per run for nothing, as the run's last commit already synced the WAL.
                // The WAL is checkpointed by whichever commit finds it past ~4 MB (SQLite's auto-checkpoint),
                // and any connection reads through it meanwhile.
                _ = SQLitePCL.raw.sqlite3_db_config(connection.Handle, SqliteDbConfigNoCheckpointOnClose, 1, out _);
            }

            Execute(connection, "PRAGMA journal_size_limit = 67108864;");
            if (found.Version < migrations[^1].Version)
            {
                Migrate(connection, path, migrations);
            }

            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreException($"Cannot write the store database {path}: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks that the store can be read and returns the connection string for read-only connections; upgrades a
    /// store of an older schema first. Throws <see cref="StoreException"/>.
    /// </summary>
    public static string PrepareForReading(string directory)
    {
        var path = StoreLayout.DatabasePath(directory);
        if (!File.Exists(path))
        {
            throw new StoreException(
                $"There is no Sacred store at {directory} ({StoreLayout.DatabaseFileName} not found).");
        }

        var connectionString = ConnectionString(path, SqliteOpenMode.ReadOnly, pooling: true);
        StoreInspection found;
        using (var connection = Connect(path, SqliteOpenMode.ReadOnly, pooling: true))
        {
            found = Inspect(connection, path);
            Check(found, path, StoreSchema.Migrations);
        }

        if (found.Version < StoreSchema.CurrentVersion)
        {
            using var upgraded = OpenForWriting(directory);
        }

        return connectionString;
    }

    /// <summary>Reads what the file says about itself in one snapshot (another process may be creating the store).</summary>
    internal static StoreInspection Inspect(SqliteConnection connection, string path)
    {
        try
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            return Inspect(connection, path, transaction);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw new StoreException($"{path} is corrupt: {e.Message}", e);
        }
    }

    private static StoreInspection Inspect(SqliteConnection connection, string path, SqliteTransaction transaction)
    {
        try
        {
            var applicationId = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA application_id;"), CultureInfo.InvariantCulture);
            var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
            var tables = new List<string>();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }

            return new StoreInspection(applicationId, version, tables);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw new StoreException($"{path} is corrupt: {e.Message}", e);
        }
    }

    private static void Check(StoreInspection found, string path, IReadOnlyList<StoreMigration> migrations)
    {
        if (!found.IsEmpty && !found.IsOurs)
        {
            throw new StoreException(
                $"{path} is not a Sacred store ({found.DescribeForeign()}); give --store a new or empty folder.");
        }

        var latest = migrations[^1].Version;
        if (found.Version > latest)
        {
            throw new StoreException(
                $"{path} was written by a newer Sacred (store schema v{found.Version}; this version reads up to v{latest}); upgrade Sacred to use it.");
        }
    }

    private static void Migrate(SqliteConnection connection, string path, IReadOnlyList<StoreMigration> migrations)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var found = Inspect(connection, path, transaction);
        Check(found, path, migrations);
        if (found.IsEmpty)
        {
            Execute(connection, transaction, $"PRAGMA application_id = {StoreSchema.ApplicationId};");
        }

        for (var i = 0; i < migrations.Count; i++)
        {
            var migration = migrations[i];
            if (migration.Version != i + 1)
            {
                throw new InvalidOperationException($"Store migration {i + 1} is numbered {migration.Version}.");
            }

            if (migration.Version <= found.Version)
            {
                continue;
            }

            try
            {
                Execute(connection, transaction, migration.Sql);
                migration.Backfill?.Invoke(connection, transaction);
            }
            catch (SqliteException e)
            {
                throw new StoreException(
                    $"Cannot upgrade {path} to store schema v{migration.Version} ({migration.Description}): {e.Message}", e);
            }

            Execute(connection, transaction, $"PRAGMA user_version = {migration.Version};");
        }

        transaction.Commit();
    }

    private static void CreateFolder(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"Cannot create the store folder {directory}: {e.Message}", e);
        }
    }

    private static void ProbeFolder(string directory)
    {
        try
        {
            var temp = StoreLayout.TempPath(directory);
            Directory.CreateDirectory(temp);
            var probe = Path.Combine(temp, "probe-" + Guid.NewGuid().ToString("N"));
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                stream.WriteByte(0);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"The store folder {directory} is not writable: {e.Message}", e);
        }
    }

    private static SqliteConnection Connect(string path, SqliteOpenMode mode, bool pooling)
    {
        var connection = new SqliteConnection(ConnectionString(path, mode, pooling));
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};");
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            if (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
            {
                throw new StoreException($"{path} is corrupt: {e.Message}", e);
            }

            throw new StoreException($"Cannot open the store database {path}: {e.Message}", e);
        }
    }

    private static string ConnectionString(string path, SqliteOpenMode mode, bool pooling) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = pooling,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql) => Execute(connection, null, sql);

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
