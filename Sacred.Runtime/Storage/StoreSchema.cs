using System.Collections.Generic;

namespace Sacred.Storage;

/// <summary>
/// The store's schema and its history. A database is ours when <c>PRAGMA application_id</c> is
/// <see cref="ApplicationId"/> ('SACR'); <c>PRAGMA user_version</c> is the schema version, and the migrations
/// below take any older version to <see cref="CurrentVersion"/> (a new store is version 0 and takes all of them).
/// </summary>
internal static class StoreSchema
{
    /// <summary>'SACR' in ASCII.</summary>
    public const int ApplicationId = 0x53414352;

    public const string Format = "sacred-dotnet-store";

    /// <summary>
    /// Version 1. Times are Unix epoch milliseconds (UTC); JSON columns hold <c>ConfigNode</c> JSON.
    /// <list type="bullet">
    /// <item><c>store_info(key, value)</c>: marker (<c>format</c> = sacred-dotnet-store) and creation time.</item>
    /// <item><c>runs</c>: one narrow row per run, what the runs table lists, filters and sorts on. <c>id</c> is
    /// allocated by SQLite inside the inserting transaction (AUTOINCREMENT: never reused); <c>custom_id</c> holds a
    /// non-numeric <c>-i</c> id. <c>status</c> as recorded (QUEUED/RUNNING/COMPLETED/FAILED/INTERRUPTED/TIMEOUT/
    /// custom); readers derive PROBABLY_DEAD from a stale <c>heartbeat</c> (or <c>start_time</c>). <c>result</c> is
    /// JSON and <c>result_value</c> the result when it is a number, for sorting. <c>pid</c>/<c>hostname</c> say which
    /// process to ask whether a RUNNING run is alive; <c>output_chars</c> is the length of the captured output.</item>
    /// <item><c>run_records</c>: the bulky JSON of a run, kept out of <c>runs</c> so listing scans stay small:
    /// <c>config</c>, <c>modifications</c> ({modified, added, typechanged}), <c>meta</c>, <c>host</c>,
    /// <c>experiment</c> (Sacred's dict without source texts: <c>sources</c> = [[path, md5]], <c>dependencies</c> =
    /// ["name==version"]), <c>info</c> and <c>fail_trace</c> (list of strings).</item>
    /// <item><c>run_sources(run_id, path, md5, file_hash)</c>: the run's source files; texts in <c>files/</c>.</item>
    /// <item><c>artifacts(run_id, name, file_hash, size, content_type, metadata, added_time)</c>: a name added
    /// again points to the new content.</item>
    /// <item><c>resources(run_id, path, md5)</c>: files the run opened, each pair once.</item>
    /// <item><c>output(run_id, seq, start_char, text)</c>: captured output appended in chunks of at most 64 Ki
    /// chars; <c>start_char</c> is the offset (UTF-16 chars) of the chunk's first char.</item>
    /// <item><c>metrics</c>: one row per (run, name) with the summaries kept at write time: count, min and its
    /// step, max and its step, last value and step, first and last timestamp, number of chunks. NaN is never a
    /// min or max; a NaN last value is stored as NULL with its step.</item>
    /// <item><c>metric_chunks(metric_id, seq, first_step, count, data)</c>: the points, appended at each
    /// heartbeat, never rewritten; <c>data</c> as <see cref="MetricChunkCodec"/> writes it.</item>
    /// </list>
    /// </summary>
    private const string Version1 = """
        CREATE TABLE store_info (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO store_info (key, value) VALUES
            ('format', 'sacred-dotnet-store'),
            ('created', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

        CREATE TABLE runs (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            custom_id       TEXT UNIQUE,
            experiment_name TEXT NOT NULL,
            command         TEXT NOT NULL,
            status          TEXT NOT NULL,
            queue_time      INTEGER,
            start_time      INTEGER,
            stop_time       INTEGER,
            heartbeat       INTEGER,
            result          TEXT,
            result_value    REAL,
            comment         TEXT,
            priority        REAL,
            seed            INTEGER NOT NULL,
            hostname        TEXT,
            pid             INTEGER,
            output_chars    INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX runs_by_status ON runs (status);
        CREATE INDEX runs_by_experiment ON runs (experiment_name);
        CREATE INDEX runs_by_start_time ON runs (start_time);

        CREATE TABLE run_records (
            run_id        INTEGER PRIMARY KEY REFERENCES runs (id),
            config        TEXT NOT NULL,
            modifications TEXT NOT NULL,
            meta          TEXT NOT NULL,
            host          TEXT NOT NULL,
            experiment    TEXT NOT NULL,
            info          TEXT,
            fail_trace    TEXT
        );

        CREATE TABLE run_sources (
            run_id    INTEGER NOT NULL REFERENCES runs (id),
            path      TEXT NOT NULL,
            md5       TEXT NOT NULL,
            file_hash TEXT NOT NULL,
            PRIMARY KEY (run_id, path)
        ) WITHOUT ROWID;

        CREATE TABLE artifacts (
            run_id       INTEGER NOT NULL REFERENCES runs (id),
            name         TEXT NOT NULL,
            file_hash    TEXT NOT NULL,
            size         INTEGER NOT NULL,
            content_type TEXT,
            metadata     TEXT,
            added_time   INTEGER NOT NULL,
            PRIMARY KEY (run_id, name)
        ) WITHOUT ROWID;

        CREATE TABLE resources (
            run_id INTEGER NOT NULL REFERENCES runs (id),
            path   TEXT NOT NULL,
            md5    TEXT NOT NULL,
            PRIMARY KEY (run_id, path, md5)
        ) WITHOUT ROWID;

        CREATE TABLE output (
            id         INTEGER PRIMARY KEY,
            run_id     INTEGER NOT NULL REFERENCES runs (id),
            seq        INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            text       TEXT NOT NULL,
            UNIQUE (run_id, seq)
        );
        CREATE INDEX output_by_offset ON output (run_id, start_char);

        CREATE TABLE metrics (
            id         INTEGER PRIMARY KEY,
            run_id     INTEGER NOT NULL REFERENCES runs (id),
            name       TEXT NOT NULL,
            count      INTEGER NOT NULL,
            min_value  REAL,
            min_step   INTEGER,
            max_value  REAL,
            max_step   INTEGER,
            last_value REAL,
            last_step  INTEGER,
            first_time INTEGER,
            last_time  INTEGER,
            chunks     INTEGER NOT NULL,
            UNIQUE (run_id, name)
        );

        CREATE TABLE metric_chunks (
            id         INTEGER PRIMARY KEY,
            metric_id  INTEGER NOT NULL REFERENCES metrics (id),
            seq        INTEGER NOT NULL,
            first_step INTEGER NOT NULL,
            count      INTEGER NOT NULL,
            data       BLOB NOT NULL,
            UNIQUE (metric_id, seq)
        );
        """;

    /// <summary>Every migration, oldest first; version N is at index N - 1.</summary>
    public static IReadOnlyList<StoreMigration> Migrations { get; } =
    [
        new(1, "create the runs, sources, artifacts, resources, output and metrics tables", Version1),
        new(2, StoreSchemaVersion2.Description, StoreSchemaVersion2.Sql, StoreSchemaVersion2.Backfill),
        new(3, StoreSchemaVersion3.Description, StoreSchemaVersion3.Sql),
        new(4, StoreSchemaVersion4.Description, StoreSchemaVersion4.Sql),
        new(5, StoreSchemaVersion5.Description, StoreSchemaVersion5.Sql),
        new(6, StoreSchemaVersion6.Description, StoreSchemaVersion6.Sql),
    ];

    public static int CurrentVersion => Migrations[^1].Version;
}
