using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage.Reading;

/// <summary>
/// Reads an embedded store (the folder <c>--store</c> names, <c>./sacred_runs</c> by default) while experiments
/// may be writing to it: the runs table, one run's record, metric series, captured output and stored files. Safe
/// to use from several threads: each call takes its own (pooled, read-only) connection and sees one consistent
/// snapshot.
/// </summary>
public sealed partial class RunStore : IDisposable
{
    private readonly string _connectionString;
    private readonly ContentStore _files;

    private RunStore(string directory, string connectionString)
    {
        Directory = directory;
        _connectionString = connectionString;
        _files = new ContentStore(directory);
    }

    /// <summary>The store folder.</summary>
    public string Directory { get; }

    /// <summary>How stale a RUNNING run's heartbeat must be to show as <see cref="EffectiveStatus.ProbablyDead"/>; 120 s by default.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Opens a store for reading. Nothing is written, except that a store of an older schema is upgraded once.
    /// </summary>
    /// <param name="directory">The store folder.</param>
    /// <returns>The store.</returns>
    /// <exception cref="StoreException">The folder has no store, or holds a foreign, corrupt or newer database.</exception>
    public static RunStore Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        return new RunStore(full, StoreDatabase.PrepareForReading(full));
    }

    /// <summary>Lists runs: filtered, sorted and paged.</summary>
    /// <param name="query">Filters, sort key and page.</param>
    /// <returns>The page and the total number of matching runs.</returns>
    /// <exception cref="ArgumentException">The sort key is unknown.</exception>
    public RunPage ListRuns(RunQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = Connect();
        using var command = RunListing.CreateQuery(connection, query, query.DeadAfter ?? DeadAfter, DateTime.UtcNow);
        using var reader = command.ExecuteReader();
        var runs = new List<RunSummary>();
        while (reader.Read())
        {
            runs.Add(RunListing.Read(reader));
        }

        reader.NextResult();
        reader.Read();
        return new RunPage(reader.GetInt64(0), runs);
    }

    /// <summary>Finds a run by the id a user typed: a number, or a custom id given with <c>-i</c>.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The run's numeric id, or null when there is no such run.</returns>
    public long? FindRun(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM runs WHERE custom_id = $text OR id = $number ORDER BY custom_id IS NULL LIMIT 1;";
        command.Parameters.AddWithValue("$text", id);
        command.Parameters.AddWithValue("$number", RunIds.ParseNumeric(id) is { } number ? number : DBNull.Value);
        return command.ExecuteScalar() is long found ? found : null;
    }

    /// <summary>Reads everything a run recorded, except the bulk data (output, metric points, file contents).</summary>
    /// <param name="id">The run id.</param>
    /// <returns>The run, or null when there is none with this id.</returns>
    public RunDetail? GetRun(long id)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        RunSummary summary;
        using (var lookup = RunListing.CreateLookup(connection, id, DeadAfter, DateTime.UtcNow))
        {
            lookup.Transaction = transaction;
            using var reader = lookup.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            summary = RunListing.Read(reader);
        }

        return RunDetailReader.Read(connection, transaction, summary);
    }

    /// <summary>
    /// Reads a metric's points: all of them when there are at most <paramref name="maxPoints"/>, otherwise the
    /// smallest and largest point of each of <c>maxPoints / 2</c> consecutive buckets, so spikes stay visible.
    /// </summary>
    /// <param name="runId">The run id.</param>
    /// <param name="name">The metric name.</param>
    /// <param name="maxPoints">The most points to return (at least 2).</param>
    /// <returns>The series, or null when the run has no such metric.</returns>
    public MetricSeries? GetMetric(long runId, string name, int maxPoints) => GetMetric(runId, name, maxPoints, null, null);

    /// <summary>Reads up to <paramref name="maxChars"/> chars of a run's captured output from <paramref name="offset"/>.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="offset">Where to start, in UTF-16 chars from the beginning of the output.</param>
    /// <param name="maxChars">The most chars to return (a surrogate pair is never split, so maybe one less).</param>
    /// <returns>The page, or null when there is no such run.</returns>
    public OutputPage? ReadOutput(long runId, long offset, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(maxChars);
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        return OutputReader.Read(connection, transaction, runId, offset, maxChars);
    }

    /// <summary>Reads the last <paramref name="lines"/> lines of a run's captured output, reading only the chunks they are in.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="lines">How many lines; a final line without a newline counts as one.</param>
    /// <returns>The page (its <see cref="OutputPage.Offset"/> is where the first returned line starts), or null when there is no such run.</returns>
    public OutputPage? ReadOutputTail(long runId, int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        using var connection = Connect();
        using var transaction = connection.BeginTransaction(deferred: true);
        return OutputReader.Tail(connection, transaction, runId, lines);
    }

    /// <summary>Opens a stored file (a source or an artifact) by its SHA-256 hash.</summary>
    /// <param name="hash">64 lower-case hex digits, as in <see cref="StoredSource.Hash"/> and <see cref="StoredArtifact.Hash"/>.</param>
    /// <returns>A read-only stream.</returns>
    /// <exception cref="ArgumentException">The text is not a SHA-256 hash.</exception>
    /// <exception cref="FileNotFoundException">The store holds no file with this hash.</exception>
    public Stream OpenFile(string hash) => _files.Open(hash);

    /// <summary>Reads a stored file as UTF-8 text, e.g. a source file.</summary>
    /// <param name="hash">The file's SHA-256 hash.</param>
    /// <returns>The text.</returns>
    /// <exception cref="FileNotFoundException">The store holds no file with this hash.</exception>
    public string ReadText(string hash)
    {
        using var stream = _files.Open(hash);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Opens an artifact of a run by name.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="name">The artifact's name.</param>
    /// <returns>A read-only stream, or null when the run has no artifact of this name.</returns>
    public Stream? OpenArtifact(long runId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT file_hash FROM artifacts WHERE run_id = $run AND name = $name;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is string hash ? _files.Open(hash) : null;
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StoreException($"Cannot read the store database in {Directory}: {e.Message}", e);
        }
    }
}
