using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.Data.Sqlite;

using Sacred.Storage.Reading;

namespace Sacred.Storage.Curation;

/// <summary>
/// Changes what users curate in a store: tags, notes, and deleting runs. Each call is one write transaction on a
/// connection of its own, so experiments may record at the same time and a failed call changes nothing.
/// </summary>
public sealed class RunCuration
{
    /// <summary>The longest notes text.</summary>
    public const int MaxNotesLength = 100_000;

    private RunCuration(string directory) => Directory = directory;

    /// <summary>The store folder.</summary>
    public string Directory { get; }

    /// <summary>How stale a RUNNING run's heartbeat must be before it may be deleted (as probably dead).</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// A stored file that a deletion frees is kept when it was written or reused within this period: a run starting
    /// right now may have found it in the store a moment ago and be about to refer to it. One minute by default.
    /// </summary>
    public TimeSpan FileGracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Opens a store for curation (upgrading an older schema).</summary>
    /// <param name="directory">The store folder.</param>
    /// <returns>The curation.</returns>
    /// <exception cref="StoreException">No store there, or a foreign, corrupt, newer or read-only one.</exception>
    public static RunCuration Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        if (!File.Exists(StoreLayout.DatabasePath(full)))
        {
            throw new StoreException($"There is no Sacred store at {full} ({StoreLayout.DatabaseFileName} not found).");
        }

        using (StoreDatabase.OpenForWriting(full))
        {
        }

        return new RunCuration(full);
    }

    /// <summary>Replaces a run's tags.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="tags">The new tags (see <see cref="RunTags.Normalize"/>).</param>
    /// <returns>The tags stored, or null when there is no such run.</returns>
    /// <exception cref="ArgumentException">A tag is not valid.</exception>
    public IReadOnlyList<string>? SetTags(long runId, IEnumerable<string> tags)
    {
        var normalized = RunTags.Normalize(tags);
        using var connection = StoreDatabase.OpenForWriting(Directory);
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!Exists(connection, transaction, runId))
        {
            return null;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM run_tags WHERE run_id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        command.ExecuteNonQuery();
        InsertTags(command, [runId], normalized);
        transaction.Commit();
        return normalized;
    }

    /// <summary>Adds tags to runs (bulk); runs that are not in the store are skipped.</summary>
    /// <param name="runIds">The runs.</param>
    /// <param name="tags">The tags to add.</param>
    /// <returns>How many runs were found.</returns>
    /// <exception cref="ArgumentException">A tag is not valid, or a run would have too many.</exception>
    public int AddTags(IReadOnlyList<long> runIds, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var normalized = RunTags.Normalize(tags);
        using var connection = StoreDatabase.OpenForWriting(Directory);
        using var transaction = connection.BeginTransaction(deferred: false);
        var found = ExistingIds(connection, transaction, runIds);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        InsertTags(command, found, normalized);
        command.Parameters.Clear();
        command.CommandText = $"SELECT run_id FROM run_tags WHERE run_id IN ({IdList(found)}) GROUP BY run_id HAVING COUNT(*) > {RunTags.MaxPerRun} LIMIT 1;";
        if (found.Count > 0 && command.ExecuteScalar() is long crowded)
        {
            throw new ArgumentException($"Run {crowded} would have more than {RunTags.MaxPerRun} tags.", nameof(tags));
        }

        transaction.Commit();
        return found.Count;
    }

    /// <summary>Removes tags from runs (bulk).</summary>
    /// <param name="runIds">The runs.</param>
    /// <param name="tags">The tags to remove.</param>
    /// <returns>How many tags were removed.</returns>
    public int RemoveTags(IReadOnlyList<long> runIds, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        ArgumentNullException.ThrowIfNull(tags);
        using var connection = StoreDatabase.OpenForWriting(Directory);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM run_tags WHERE run_id IN ({IdList(runIds)}) AND tag = $tag;";
        var tag = command.Parameters.Add("$tag", SqliteType.Text);
        var removed = 0;
        foreach (var given in tags)
        {
            tag.Value = (given ?? "").Trim();
            removed += command.ExecuteNonQuery();
        }

        transaction.Commit();
        return removed;
    }

    /// <summary>Sets a run's notes; empty or null removes them.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="notes">The text (at most <see cref="MaxNotesLength"/> chars).</param>
    /// <returns>False when there is no such run.</returns>
    /// <exception cref="ArgumentException">The text is too long.</exception>
    public bool SetNotes(long runId, string? notes)
    {
        if (notes is { Length: > MaxNotesLength })
        {
            throw new ArgumentException($"The notes are {notes.Length} chars long; at most {MaxNotesLength} are kept.", nameof(notes));
        }

        using var connection = StoreDatabase.OpenForWriting(Directory);
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!Exists(connection, transaction, runId))
        {
            return false;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = string.IsNullOrWhiteSpace(notes)
            ? "DELETE FROM run_notes WHERE run_id = $run;"
            : "INSERT INTO run_notes (run_id, notes, updated) VALUES ($run, $notes, $time) ON CONFLICT (run_id) DO UPDATE SET notes = excluded.notes, updated = excluded.updated;";
        command.Parameters.AddWithValue("$run", runId);
        command.Parameters.AddWithValue("$notes", notes ?? "");
        command.Parameters.AddWithValue("$time", UnixTime.ToMs(DateTime.UtcNow));
        command.ExecuteNonQuery();
        transaction.Commit();
        return true;
    }

    /// <summary>Says what <see cref="Delete"/> would remove, changing nothing.</summary>
    /// <param name="runIds">The runs.</param>
    /// <returns>The plan.</returns>
    public DeletionPlan PlanDeletion(IReadOnlyList<long> runIds)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        using var connection = StoreDatabase.OpenForWriting(Directory);
        using var transaction = connection.BeginTransaction(deferred: true);
        return Plan(connection, transaction, runIds);
    }

    /// <summary>
    /// Deletes runs with their records, metrics, output, tags and notes, and the stored files no other run uses.
    /// RUNNING runs that are alive are left alone (see <see cref="DeletionPlan.Running"/>).
    /// </summary>
    /// <param name="runIds">The runs.</param>
    /// <returns>What went.</returns>
    public DeletionResult Delete(IReadOnlyList<long> runIds)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        using var connection = StoreDatabase.OpenForWriting(Directory);
        using var transaction = connection.BeginTransaction(deferred: false);
        var started = DateTime.UtcNow;
        var plan = Plan(connection, transaction, runIds);
        var ids = new List<long>();
        foreach (var run in plan.Runs)
        {
            ids.Add(run.Id);
        }

        if (ids.Count == 0)
        {
            return new DeletionResult([], 0, 0, 0);
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            var list = IdList(ids);
            command.CommandText = $"""
                DELETE FROM metric_chunks WHERE metric_id IN (SELECT id FROM metrics WHERE run_id IN ({list}));
                DELETE FROM metrics WHERE run_id IN ({list});
                DELETE FROM output WHERE run_id IN ({list});
                DELETE FROM artifacts WHERE run_id IN ({list});
                DELETE FROM resources WHERE run_id IN ({list});
                DELETE FROM run_sources WHERE run_id IN ({list});
                DELETE FROM config_values WHERE run_id IN ({list});
                DELETE FROM run_tags WHERE run_id IN ({list});
                DELETE FROM run_notes WHERE run_id IN ({list});
                DELETE FROM run_records WHERE run_id IN ({list});
                DELETE FROM runs WHERE id IN ({list});
                DELETE FROM config_keys WHERE NOT EXISTS (SELECT 1 FROM config_values v WHERE v.key_id = config_keys.id);
                """;
            command.ExecuteNonQuery();
        }

        // Files move aside before the commit and go after it: a failed commit puts them back.
        var trash = Path.Combine(StoreLayout.TempPath(Directory), "deleting-" + Guid.NewGuid().ToString("N"));
        var moved = new List<(string From, string To, long Size)>();
        long kept = 0;
        try
        {
            foreach (var file in plan.FilesFreed)
            {
                var path = StoreLayout.FilePath(Directory, file.Hash);
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    continue;
                }

                if (info.LastWriteTimeUtc > started - FileGracePeriod)
                {
                    kept++;
                    continue;
                }

                System.IO.Directory.CreateDirectory(trash);
                var to = Path.Combine(trash, file.Hash);
                File.Move(path, to);
                moved.Add((path, to, info.Length));
            }

            transaction.Commit();
        }
        catch
        {
            foreach (var (from, to, _) in moved)
            {
                File.Move(to, from, overwrite: false);
            }

            throw;
        }

        long bytes = 0;
        foreach (var (_, _, size) in moved)
        {
            bytes += size;
        }

        if (moved.Count > 0)
        {
            System.IO.Directory.Delete(trash, recursive: true);
        }

        return new DeletionResult(ids, moved.Count, bytes, kept);
    }

    private DeletionPlan Plan(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<long> runIds)
    {
        var runs = new List<PlannedRun>();
        var running = new List<long>();
        var found = new HashSet<long>();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var asked = IdList(runIds);
        command.CommandText = $"""
            SELECT r.id, r.experiment_name, {RunFilterCompiler.StatusSql}, r.start_time FROM runs r
            WHERE r.id IN ({asked}) ORDER BY r.id;
            """;
        RunFilterCompiler.AddClock(command, DeadAfter, DateTime.UtcNow);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                found.Add(id);
                var status = reader.GetString(2);
                if (status == Recording.RunStatus.Running)
                {
                    running.Add(id);
                    continue;
                }

                runs.Add(new PlannedRun(id, reader.GetString(1), status, RunListing.Time(reader, 3)));
            }
        }

        var missing = new List<long>();
        foreach (var id in runIds)
        {
            if (!found.Contains(id) && !missing.Contains(id))
            {
                missing.Add(id);
            }
        }

        var ids = new List<long>();
        foreach (var run in runs)
        {
            ids.Add(run.Id);
        }

        var list = IdList(ids);
        command.Parameters.Clear();
        command.CommandText = $"""
            SELECT (SELECT COUNT(*) FROM metrics WHERE run_id IN ({list})),
                   (SELECT COALESCE(SUM(count), 0) FROM metrics WHERE run_id IN ({list})),
                   (SELECT COALESCE(SUM(output_chars), 0) FROM runs WHERE id IN ({list})),
                   (SELECT COUNT(*) FROM artifacts WHERE run_id IN ({list}));
            """;
        long metrics, points, chars, artifacts;
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            (metrics, points, chars, artifacts) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        command.CommandText = $"""
            WITH used(hash, name, size) AS (
                SELECT file_hash, name, size FROM artifacts WHERE run_id IN ({list})
                UNION ALL
                SELECT file_hash, path, NULL FROM run_sources WHERE run_id IN ({list})
            )
            SELECT hash, MIN(name), MAX(size),
                   EXISTS (SELECT 1 FROM artifacts a WHERE a.file_hash = used.hash AND a.run_id NOT IN ({list}))
                   OR EXISTS (SELECT 1 FROM run_sources s WHERE s.file_hash = used.hash AND s.run_id NOT IN ({list}))
                   OR EXISTS (SELECT 1 FROM build_files b WHERE b.file_hash = used.hash)
            FROM used GROUP BY hash ORDER BY MIN(name);
            """;
        var freed = new List<PlannedFile>();
        long shared = 0;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (reader.GetInt64(3) != 0)
                {
                    shared++;
                    continue;
                }

                var hash = reader.GetString(0);
                var size = reader.IsDBNull(2) ? FileSize(hash) : reader.GetInt64(2);
                freed.Add(new PlannedFile(hash, reader.GetString(1), size));
            }
        }

        return new DeletionPlan(runs, missing, running, metrics, points, chars, artifacts, freed, shared);
    }

    private long FileSize(string hash)
    {
        var info = new FileInfo(StoreLayout.FilePath(Directory, hash));
        return info.Exists ? info.Length : 0;
    }

    private static bool Exists(SqliteConnection connection, SqliteTransaction transaction, long runId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM runs WHERE id = $run;";
        command.Parameters.AddWithValue("$run", runId);
        return command.ExecuteScalar() is not null;
    }

    private static List<long> ExistingIds(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<long> runIds)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT id FROM runs WHERE id IN ({IdList(runIds)}) ORDER BY id;";
        var found = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            found.Add(reader.GetInt64(0));
        }

        return found;
    }

    private static void InsertTags(SqliteCommand command, IReadOnlyList<long> runIds, IReadOnlyList<string> tags)
    {
        command.Parameters.Clear();
        command.CommandText = "INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES ($run, $tag);";
        var run = command.Parameters.Add("$run", SqliteType.Integer);
        var tag = command.Parameters.Add("$tag", SqliteType.Text);
        foreach (var id in runIds)
        {
            foreach (var value in tags)
            {
                run.Value = id;
                tag.Value = value;
                command.ExecuteNonQuery();
            }
        }
    }

    /// <summary>Ids are numbers, so they are written into the SQL (an IN list of any length, no parameter limit).</summary>
    private static string IdList(IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
        {
            return "NULL";
        }

        var text = new StringBuilder();
        foreach (var id in ids)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
