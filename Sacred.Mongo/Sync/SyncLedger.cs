using System;
using System.Globalization;
using System.IO;
using Microsoft.Data.Sqlite;

namespace Sacred.Mongo.Sync;

/// <summary>
/// Which runs of an embedded store are in which MongoDB, and under which <c>_id</c>: <c>mongo_sync.db</c> beside the
/// store's <c>runs.db</c> (a separate file: the store's own schema is not changed). It also holds the store's
/// uuid, which with a run's local id makes the key that MongoDB's <c>sacred_sync</c> collection keeps unique, so
/// two machines (or two <c>sacred sync</c>s) never upload one run twice.
/// </summary>
internal sealed class SyncLedger : IDisposable
{
    /// <summary>The ledger's file name in the store folder.</summary>
    public const string FileName = "mongo_sync.db";

    private readonly SqliteConnection _connection;

    private SyncLedger(SqliteConnection connection, string storeUuid)
    {
        _connection = connection;
        StoreUuid = storeUuid;
    }

    /// <summary>The store's uuid (made on first use).</summary>
    public string StoreUuid { get; }

    /// <summary>Opens (or creates) the ledger of a store folder.</summary>
    public static SyncLedger Open(string storeDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(storeDirectory, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA busy_timeout = 30000;
            CREATE TABLE IF NOT EXISTS ledger_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS synced_runs (
                run_id    INTEGER NOT NULL,
                target    TEXT NOT NULL,
                mongo_id  TEXT NOT NULL,
                synced_at TEXT NOT NULL,
                PRIMARY KEY (run_id, target)
            ) WITHOUT ROWID;
            """);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO ledger_info (key, value) VALUES ('store_uuid', $uuid); SELECT value FROM ledger_info WHERE key = 'store_uuid';";
        command.Parameters.AddWithValue("$uuid", Guid.NewGuid().ToString("D"));
        return new SyncLedger(connection, (string)command.ExecuteScalar()!);
    }

    /// <summary>The key of a run in MongoDB's <c>sacred_sync</c> collection: store uuid and local id.</summary>
    public string Key(long runId) => StoreUuid + "/" + runId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The MongoDB <c>_id</c> (as text) the run was synced under, or null.</summary>
    public string? SyncedAs(long runId, MongoTarget target)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT mongo_id FROM synced_runs WHERE run_id = $run AND target = $target;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$target", target.Key);
        return command.ExecuteScalar() as string;
    }

    /// <summary>Records that the run is complete in MongoDB under <paramref name="mongoId"/>.</summary>
    public void MarkSynced(long runId, MongoTarget target, string mongoId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO synced_runs (run_id, target, mongo_id, synced_at) VALUES ($run, $target, $mongo, $at);";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$target", target.Key);
        command.Parameters.AddWithValue("$mongo", mongoId);
        command.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
