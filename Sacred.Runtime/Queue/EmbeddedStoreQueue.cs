using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;
using Sacred.Recording;
using Sacred.Storage;

namespace Sacred.Queue;

/// <summary>
/// The queue in the embedded store (one machine, any number of worker processes). Each step is one
/// <c>BEGIN IMMEDIATE</c> transaction, so SQLite's write lock orders the workers: a claim is a single
/// <c>UPDATE ... WHERE id = (SELECT ...) AND status = 'QUEUED' RETURNING</c>, and only one worker's update can
/// match a run. The lease lives in <c>runs.lease_expires</c> (schema v4), renewed by the worker while the run goes.
/// </summary>
public sealed class EmbeddedStoreQueue : IRunQueue
{
    private const string SourcesSeparator = "\u001e";
    private const string PathSeparator = "\u001f";

    private readonly object _gate = new();
    private readonly SqliteConnection _connection;

    private EmbeddedStoreQueue(string directory, SqliteConnection connection)
    {
        Directory = directory;
        _connection = connection;
    }

    /// <summary>The store folder, absolute.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    public string Name => "embedded store " + Directory;

    /// <summary>Opens the store's queue, creating or upgrading the store if needed.</summary>
    /// <param name="directory">The store folder.</param>
    /// <returns>The queue.</returns>
    /// <exception cref="QueueUnavailableException">The store cannot be opened for writing (one line: where and why).</exception>
    public static EmbeddedStoreQueue Open(string directory)
    {
        var full = System.IO.Path.GetFullPath(directory);
        try
        {
            return new EmbeddedStoreQueue(full, StoreDatabase.OpenForWriting(full));
        }
        catch (StoreException e)
        {
            throw new QueueUnavailableException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public QueuedRunClaim? TryClaim(QueueFilter filter, string workerId, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = DateTime.UtcNow;
        return Locked(() =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE runs SET status = 'RUNNING', worker = $worker, lease_expires = $expires, attempts = attempts + 1,
                    start_time = $now
                WHERE id = (
                    SELECT r.id FROM runs r JOIN run_records rec ON rec.run_id = r.id
                    WHERE r.status = 'QUEUED'
                      AND (r.experiment_name = $experiment
                        OR (json_extract(rec.meta, '$.options."--name"') IS NOT NULL AND json_extract(rec.experiment, '$.mainfile') = $mainfile))
                      AND ($sources IS NULL OR $sources IS (
                          SELECT group_concat(s.path || char(31) || s.md5, char(30) ORDER BY s.path)
                          FROM run_sources s WHERE s.run_id = r.id AND s.path NOT LIKE 'build:%'))
                    ORDER BY coalesce(r.priority, 0) DESC, r.id
                    LIMIT 1)
                  AND status = 'QUEUED'
                RETURNING id, seed, attempts;
                """;
            command.Parameters.AddWithValue("$worker", workerId);
            command.Parameters.AddWithValue("$expires", UnixTime.ToMs(now + lease));
            command.Parameters.AddWithValue("$now", UnixTime.ToMs(now));
            command.Parameters.AddWithValue("$experiment", filter.Experiment);
            command.Parameters.AddWithValue("$mainfile", (object?)filter.MainFile ?? DBNull.Value);
            command.Parameters.AddWithValue("$sources", (object?)SourcesKey(filter) ?? DBNull.Value);
            long id;
            int seed, attempts;
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                (id, seed, attempts) = (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2));
            }

            command.Parameters.Clear();
            command.CommandText = "SELECT config, meta FROM run_records WHERE run_id = $id;";
            command.Parameters.AddWithValue("$id", id);
            ConfigNode config, meta;
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                (config, meta) = (StoredJson.Read(reader.GetString(0)), StoredJson.Read(reader.GetString(1)));
            }

            transaction.Commit();
            var options = meta.Get("options") ?? ConfigNode.Null;
            return new QueuedRunClaim(RunIds.Format(id), options, config, seed, attempts);
        });
    }

    /// <inheritdoc />
    public bool HasUnfinished(QueueFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Locked(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT EXISTS (
                    SELECT 1 FROM runs r JOIN run_records rec ON rec.run_id = r.id
                    WHERE (r.experiment_name = $experiment
                        OR (json_extract(rec.meta, '$.options."--name"') IS NOT NULL AND json_extract(rec.experiment, '$.mainfile') = $mainfile))
                      AND ((r.status = 'RUNNING' AND r.lease_expires IS NOT NULL)
                        OR (r.status = 'QUEUED' AND ($sources IS NULL OR $sources IS (
                              SELECT group_concat(s.path || char(31) || s.md5, char(30) ORDER BY s.path)
                              FROM run_sources s WHERE s.run_id = r.id AND s.path NOT LIKE 'build:%')))));
                """;
            command.Parameters.AddWithValue("$experiment", filter.Experiment);
            command.Parameters.AddWithValue("$mainfile", (object?)filter.MainFile ?? DBNull.Value);
            command.Parameters.AddWithValue("$sources", (object?)SourcesKey(filter) ?? DBNull.Value);
            return (long)command.ExecuteScalar()! == 1;
        });
    }

    /// <inheritdoc />
    public bool RenewLease(string runId, string workerId, TimeSpan lease) => Locked(() =>
    {
        using var command = _connection.CreateCommand();
        // No status condition: a run that has just ended is still this worker's (taking it back clears the worker), so
        // a renewal that races the end never reads as a lost claim.
        command.CommandText = "UPDATE runs SET lease_expires = $expires WHERE id = $id AND worker = $worker;";
        command.Parameters.AddWithValue("$expires", UnixTime.ToMs(DateTime.UtcNow + lease));
        command.Parameters.AddWithValue("$id", Numeric(runId));
        command.Parameters.AddWithValue("$worker", workerId);
        return command.ExecuteNonQuery() == 1;
    });

    /// <inheritdoc />
    public void FailClaim(string runId, string workerId, string reason) => Locked(() =>
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        Fail(transaction, Numeric(runId), workerId, DateTime.UtcNow, reason);
        transaction.Commit();
        return 0;
    });

    /// <inheritdoc />
    public int RecoverExpired(int maxAttempts)
    {
        var now = DateTime.UtcNow;
        return Locked(() =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var expired = new List<(long Id, string Worker, int Attempts, long Expired)>();
            using (var select = _connection.CreateCommand())
            {
                select.Transaction = transaction;
                select.CommandText = """
                    SELECT id, worker, attempts, lease_expires FROM runs
                    WHERE lease_expires < $now AND status = 'RUNNING' AND worker IS NOT NULL;
                    """;
                select.Parameters.AddWithValue("$now", UnixTime.ToMs(now));
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    expired.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3)));
                }
            }

            foreach (var (id, worker, attempts, expiredAt) in expired)
            {
                if (attempts >= maxAttempts)
                {
                    Fail(transaction, id, worker, UnixTime.FromMs(expiredAt),
                        $"the worker {worker} stopped renewing its lease (it was killed or lost the store); attempt {attempts} of {maxAttempts}, so the run is not queued again");
                }
                else
                {
                    Requeue(transaction, id);
                }
            }

            transaction.Commit();
            return expired.Count;
        });
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// The sources as the claim query concatenates a run's <c>run_sources</c>: sorted by path, path and MD5 joined. Only the
    /// compiled sources count; the build files recorded beside them (<c>build:</c> rows) do not decide whether a build matches.
    /// </summary>
    private static string? SourcesKey(QueueFilter filter)
    {
        if (filter.Sources is not { } sources)
        {
            return null;
        }

        if (sources.Count == 0)
        {
            // group_concat over no rows is NULL.
            return null;
        }

        var text = new StringBuilder();
        foreach (var source in sources.OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            text.Append(text.Length == 0 ? "" : SourcesSeparator).Append(source.Path).Append(PathSeparator).Append(source.Md5);
        }

        return text.ToString();
    }

    private static long Numeric(string runId) =>
        RunIds.ParseNumeric(runId) ?? throw new ArgumentException($"'{runId}' is not a run id of the embedded store.", nameof(runId));

    /// <summary>Clears what the dead attempt recorded (its output, metrics, artifacts, resources, info) and queues the run again, keeping its id, config and queue time.</summary>
    private void Requeue(SqliteTransaction transaction, long id)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM output WHERE run_id = $id;
            DELETE FROM metric_chunks WHERE metric_id IN (SELECT id FROM metrics WHERE run_id = $id);
            DELETE FROM metrics WHERE run_id = $id;
            DELETE FROM artifacts WHERE run_id = $id;
            DELETE FROM resources WHERE run_id = $id;
            UPDATE run_records SET info = NULL, fail_trace = NULL WHERE run_id = $id;
            UPDATE runs SET status = 'QUEUED', worker = NULL, lease_expires = NULL, start_time = NULL, stop_time = NULL,
                heartbeat = NULL, result = NULL, result_value = NULL, pid = NULL, output_chars = 0
            WHERE id = $id;
            """;
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    private void Fail(SqliteTransaction transaction, long id, string workerId, DateTime time, string reason)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE run_records SET fail_trace = $trace
            WHERE run_id = $id AND EXISTS (SELECT 1 FROM runs WHERE id = $id AND worker = $worker AND status = 'RUNNING');
            UPDATE runs SET status = 'FAILED', stop_time = $time, lease_expires = NULL
            WHERE id = $id AND worker = $worker AND status = 'RUNNING';
            """;
        command.Parameters.AddWithValue("$trace", StoredJson.Write(RunRecordMapping.FailTrace([reason + "\n"])));
        command.Parameters.AddWithValue("$time", UnixTime.ToMs(time));
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$worker", workerId);
        command.ExecuteNonQuery();
    }

    private T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            try
            {
                return action();
            }
            catch (SqliteException e)
            {
                throw new QueueUnavailableException($"{Name}: {e.Message}", e);
            }
        }
    }
}
