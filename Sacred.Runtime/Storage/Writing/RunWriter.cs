using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Data.Sqlite;
using Sacred.Generated;
using Sacred.Metrics;
using Sacred.Recording;

namespace Sacred.Storage.Writing;

/// <summary>
/// Writes one run's events to the store. Each event is one transaction (files are written and synced before the
/// transaction that refers to them), and the writer's own counters move only after a commit, so an event that
/// fails leaves no trace and can simply be sent again.
/// </summary>
internal sealed class RunWriter
{
    /// <summary>The most chars one output row holds, so paging never loads a huge row.</summary>
    public const int MaxOutputChunkChars = 65_536;

    private readonly SqliteConnection _connection;
    private readonly ContentStore _files;
    private readonly Dictionary<string, MetricState> _metrics = new(StringComparer.Ordinal);
    // Reused for every chunk's BLOB (bound with the parameter's Size): a 64 K-point chunk is ~650 KB, and a
    // fresh array per chunk was large-object garbage at the writer's full rate.
    private byte[] _chunkBuffer = [];
    private byte[] _summaryBuffer = [];
    private long _outputChars;
    private long _outputSeq;
    private ConfigNode? _info;
    private ConfigNode? _result;
    private string? _claimedBy;

    private RunWriter(SqliteConnection connection, ContentStore files, long runId, bool claimedQueued)
    {
        _connection = connection;
        _files = files;
        RunId = runId;
        ClaimedQueued = claimedQueued;
    }

    public long RunId { get; }

    /// <summary>Whether the start claimed a QUEUED run rather than inserting a new one.</summary>
    public bool ClaimedQueued { get; }

    /// <summary>
    /// Records a started (or queued) run and returns its writer. An id given in the event is used: a number as the
    /// run's id, other text as its custom id. Taking an id that exists is an error, except that starting a QUEUED
    /// run by its id claims it (atomically: only one starter wins), and that the worker <paramref name="claimedBy"/>
    /// starts the RUNNING run it claimed from the queue.
    /// </summary>
    public static RunWriter Start(SqliteConnection connection, ContentStore files, RunStartedEvent run, bool queued, string? claimedBy = null)
    {
        var sources = new List<(SourceFileInfo File, string Hash)>();
        foreach (var source in run.Experiment.Sources)
        {
            sources.Add((source, files.Put(Encoding.UTF8.GetBytes(source.Text))));
        }

        // A build is stored once per store: a start whose build is there already only looks its hash up, and the
        // build's record (hundreds of files, made on first use) is not even made.
        var buildHash = run.Experiment.BuildHash;
        NewBuild? newBuild = null;
        if (buildHash is not null && !BuildStored(connection, buildHash) && run.Experiment.Build is { } build)
        {
            var buildFiles = new List<(SourceFileInfo File, string Hash)>();
            foreach (var file in build.Files)
            {
                buildFiles.Add((file, files.Put(Encoding.UTF8.GetBytes(file.Text))));
            }

            newBuild = new NewBuild(buildHash, RunRecordMapping.BuildWithoutFiles(build), buildFiles);
        }

        if (queued)
        {
            // A queued run's start is all this process records: it must be on disk when -q returns.
            StoreDatabase.SyncEachCommit(connection);
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        if (newBuild is not null)
        {
            InsertBuild(connection, transaction, newBuild);
        }

        var (runId, claimed) = ClaimOrInsert(connection, transaction, run, queued, claimedBy);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO run_sources (run_id, path, md5, file_hash) VALUES ($run, $path, $md5, $hash);";
            command.Parameters.AddWithValue("$run", runId);
            var path = command.Parameters.Add("$path", SqliteType.Text);
            var md5 = command.Parameters.Add("$md5", SqliteType.Text);
            var hash = command.Parameters.Add("$hash", SqliteType.Text);
            foreach (var (file, fileHash) in sources)
            {
                path.Value = file.Path;
                md5.Value = file.Md5;
                hash.Value = fileHash;
                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return new RunWriter(connection, files, runId, claimed) { _claimedBy = queued ? null : claimedBy };
    }

    private static bool BuildStored(SqliteConnection connection, string hash)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM builds WHERE hash = $hash;";
        command.Parameters.AddWithValue("$hash", hash);
        return command.ExecuteScalar() is not null;
    }

    /// <summary>
    /// Stores a build and its file rows; a build another process stored meanwhile is left as it is (the hash names
    /// the same content).
    /// </summary>
    private static void InsertBuild(SqliteConnection connection, SqliteTransaction transaction, NewBuild build)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO builds (hash, record, stored_time) VALUES ($hash, $record, $time);";
        command.Parameters.AddWithValue("$hash", build.Hash);
        command.Parameters.AddWithValue("$record", StoredJson.Write(build.Record));
        command.Parameters.AddWithValue("$time", UnixTime.ToMs(DateTime.UtcNow));
        if (command.ExecuteNonQuery() == 0)
        {
            return;
        }

        command.Parameters.Clear();
        command.CommandText = "INSERT INTO build_files (build_hash, path, md5, file_hash) VALUES ($build, $path, $md5, $hash);";
        command.Parameters.AddWithValue("$build", build.Hash);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var md5 = command.Parameters.Add("$md5", SqliteType.Text);
        var hash = command.Parameters.Add("$hash", SqliteType.Text);
        foreach (var (file, fileHash) in build.Files)
        {
            path.Value = file.Path;
            md5.Value = file.Md5;
            hash.Value = fileHash;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Removes a run this writer inserted and nothing else has written to (another observer could not start it,
    /// so it never executed), in one transaction. Its source files stay in the content store, shared by content.
    /// </summary>
    public void Discard()
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            DELETE FROM run_sources WHERE run_id = $run;
            DELETE FROM config_values WHERE run_id = $run;
            DELETE FROM run_records WHERE run_id = $run;
            DELETE FROM runs WHERE id = $run;
            """;
        command.Parameters.AddWithValue("$run", RunId);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public void Heartbeat(HeartbeatEvent beat)
    {
        foreach (var batch in beat.Metrics)
        {
            if (batch.Values.Length != batch.Count || batch.TimestampsMs.Length != batch.Count)
            {
                throw new ArgumentException($"Metric '{batch.Name}' has {batch.Count} steps, {batch.Values.Length} values and {batch.TimestampsMs.Length} timestamps.", nameof(beat));
            }
        }

        var pendingMetrics = new Dictionary<string, MetricState>(StringComparer.Ordinal);
        var outputChars = _outputChars;
        var outputSeq = _outputSeq;
        var writeInfo = !beat.Info.Equals(_info);
        var writeResult = !Equals(beat.Result, _result);
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            EnsureHeld(transaction);
            (outputChars, outputSeq) = AppendOutput(transaction, beat.Output, outputChars, outputSeq);
            foreach (var batch in beat.Metrics)
            {
                if (batch.Count == 0)
                {
                    continue;
                }

                var state = pendingMetrics.GetValueOrDefault(batch.Name) ?? _metrics.GetValueOrDefault(batch.Name);
                pendingMetrics[batch.Name] = AppendMetric(transaction, batch, state);
            }

            using (var command = _connection.CreateCommand())
            {
                command.Transaction = transaction;
                var sql = new StringBuilder("UPDATE runs SET heartbeat = $time, output_chars = $chars");
                command.Parameters.AddWithValue("$time", UnixTime.ToMs(beat.Time));
                command.Parameters.AddWithValue("$chars", outputChars);
                command.Parameters.AddWithValue("$run", RunId);
                if (writeInfo)
                {
                    sql.Insert(0, "UPDATE run_records SET info = $info WHERE run_id = $run; ");
                    command.Parameters.AddWithValue("$info", StoredJson.Write(beat.Info));
                }

                if (writeResult)
                {
                    sql.Append(", result = $result, result_value = $result_value");
                    AddResult(command, beat.Result);
                }

                command.CommandText = sql.Append(" WHERE id = $run;").ToString();
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        foreach (var (name, state) in pendingMetrics)
        {
            _metrics[name] = state;
        }

        _outputChars = outputChars;
        _outputSeq = outputSeq;
        _info = beat.Info;
        _result = beat.Result;
    }

    public void AddArtifact(ArtifactEvent artifact)
    {
        var (hash, size) = _files.PutFile(artifact.Path);
        using var transaction = _connection.BeginTransaction(deferred: false);
        EnsureHeld(transaction);
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO artifacts (run_id, name, file_hash, size, content_type, metadata, added_time)
            VALUES ($run, $name, $hash, $size, $type, $metadata, $time)
            ON CONFLICT (run_id, name) DO UPDATE SET
                file_hash = excluded.file_hash, size = excluded.size, content_type = excluded.content_type,
                metadata = excluded.metadata, added_time = excluded.added_time;
            """;
        command.Parameters.AddWithValue("$run", RunId);
        command.Parameters.AddWithValue("$name", artifact.Name);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$size", size);
        command.Parameters.AddWithValue("$type", (object?)artifact.ContentType ?? DBNull.Value);
        command.Parameters.AddWithValue("$metadata", (object?)StoredJson.WriteOrNull(artifact.Metadata) ?? DBNull.Value);
        command.Parameters.AddWithValue("$time", UnixTime.ToMs(DateTime.UtcNow));
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public void AddResource(ResourceEvent resource)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        EnsureHeld(transaction);
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR IGNORE INTO resources (run_id, path, md5) VALUES ($run, $path, $md5);";
        command.Parameters.AddWithValue("$run", RunId);
        command.Parameters.AddWithValue("$path", resource.Path);
        command.Parameters.AddWithValue("$md5", resource.Md5);
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    public void End(RunEndedEvent end)
    {
        // The final status is on disk before the process exits, and with it (one WAL fsync) every heartbeat
        // before it; the heartbeats themselves were committed without waiting for the disk.
        StoreDatabase.SyncEachCommit(_connection);
        using var transaction = _connection.BeginTransaction(deferred: false);
        EnsureHeld(transaction);
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("""
            UPDATE run_records SET fail_trace = $trace WHERE run_id = $run;
            UPDATE runs SET status = $status, stop_time = $time
            """);
        command.Parameters.AddWithValue("$status", end.Status);
        command.Parameters.AddWithValue("$time", UnixTime.ToMs(end.Time));
        command.Parameters.AddWithValue("$trace", end.FailTrace is { } trace ? StoredJson.Write(RunRecordMapping.FailTrace(trace)) : DBNull.Value);
        command.Parameters.AddWithValue("$run", RunId);
        if (end.Result is not null)
        {
            sql.Append(", result = $result, result_value = $result_value");
            AddResult(command, end.Result);
        }

        command.CommandText = sql.Append(" WHERE id = $run;").ToString();
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// For a run a worker claimed: the run must still be this worker's when each write begins (inside its
    /// transaction, under the store's write lock). A worker that stalled past its lease finds the run taken back
    /// (re-queued, perhaps claimed by another worker) and writes nothing into it.
    /// </summary>
    /// <exception cref="RunNoLongerHeldException">The run is no longer held by this worker.</exception>
    private void EnsureHeld(SqliteTransaction transaction)
    {
        if (_claimedBy is null)
        {
            return;
        }

        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT worker FROM runs WHERE id = $run;";
        command.Parameters.AddWithValue("$run", RunId);
        if (command.ExecuteScalar() as string != _claimedBy)
        {
            throw new RunNoLongerHeldException(RunId, _claimedBy);
        }
    }

    private static (long RunId, bool Claimed) ClaimOrInsert(SqliteConnection connection, SqliteTransaction transaction, RunStartedEvent run, bool queued, string? claimedBy)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        long? numericId = null;
        string? customId = null;
        if (run.Id is { } given)
        {
            numericId = RunIds.ParseNumeric(given);
            customId = numericId is null ? given : null;
            command.CommandText = numericId is null
                ? "SELECT id, status, worker FROM runs WHERE custom_id = $given;"
                : "SELECT id, status, worker FROM runs WHERE id = $given;";
            command.Parameters.AddWithValue("$given", (object?)numericId ?? given);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                var existing = reader.GetInt64(0);
                var status = reader.GetString(1);
                var ownClaim = claimedBy is not null && status == RunStatus.Running && !reader.IsDBNull(2) && reader.GetString(2) == claimedBy;
                if (queued || (status != RunStatus.Queued && !ownClaim))
                {
                    throw new StoreException(
                        $"Run id {given} is already taken in {connection.DataSource} (status {status}); leave -i out or choose another id.");
                }

                reader.Close();
                return (Claim(command, existing, run, claimedBy), true);
            }

            command.Parameters.Clear();
        }

        command.CommandText = """
            INSERT INTO runs (id, custom_id, experiment_name, command, status, queue_time, start_time, comment,
                              priority, seed, hostname, pid)
            VALUES ($id, $custom_id, $experiment_name, $command, $status, $queue_time, $start_time, $comment,
                    $priority, $seed, $hostname, $pid)
            RETURNING id;
            """;
        command.Parameters.AddWithValue("$id", (object?)numericId ?? DBNull.Value);
        command.Parameters.AddWithValue("$custom_id", (object?)customId ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", queued ? RunStatus.Queued : RunStatus.Running);
        command.Parameters.AddWithValue("$queue_time", queued ? UnixTime.ToMs(run.Time) : DBNull.Value);
        AddStartColumns(command, run, queued);
        var runId = (long)command.ExecuteScalar()!;
        command.CommandText = """
            INSERT INTO run_records (run_id, config, modifications, meta, host, experiment, build_hash)
            VALUES ($run, $config, $modifications, $meta, $host, $experiment, $build_hash);
            """;
        command.Parameters.AddWithValue("$run", runId);
        command.ExecuteNonQuery();
        ConfigValueIndex.Write(connection, transaction, runId);
        return (runId, false);
    }

    private static long Claim(SqliteCommand command, long runId, RunStartedEvent run, string? claimedBy)
    {
        command.Parameters.Clear();
        command.CommandText = """
            UPDATE runs SET experiment_name = $experiment_name, command = $command, status = 'RUNNING',
                start_time = $start_time, comment = $comment, priority = $priority, seed = $seed,
                hostname = $hostname, pid = $pid
            WHERE id = $id AND (status = 'QUEUED' OR (status = 'RUNNING' AND worker = $worker));
            UPDATE run_records SET config = $config, modifications = $modifications, meta = $meta, host = $host,
                experiment = $experiment, build_hash = $build_hash
            WHERE run_id = $id;
            DELETE FROM run_sources WHERE run_id = $id;
            """;
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$worker", (object?)claimedBy ?? DBNull.Value);
        AddStartColumns(command, run, queued: false);
        command.ExecuteNonQuery();
        ConfigValueIndex.Write(command.Connection!, command.Transaction!, runId);
        return runId;
    }

    private static void AddStartColumns(SqliteCommand command, RunStartedEvent run, bool queued)
    {
        command.Parameters.AddWithValue("$experiment_name", run.Experiment.Name);
        command.Parameters.AddWithValue("$command", run.Command);
        command.Parameters.AddWithValue("$start_time", queued ? DBNull.Value : UnixTime.ToMs(run.Time));
        command.Parameters.AddWithValue("$config", StoredJson.Write(run.Config));
        command.Parameters.AddWithValue("$modifications", StoredJson.Write(RunRecordMapping.Modifications(run.Modifications)));
        command.Parameters.AddWithValue("$meta", StoredJson.Write(RunRecordMapping.Meta(run.Meta)));
        command.Parameters.AddWithValue("$host", StoredJson.Write(RunRecordMapping.Host(run.Host)));
        command.Parameters.AddWithValue("$experiment", StoredJson.Write(RunRecordMapping.Experiment(run.Experiment, source => ConfigNode.From(source.Md5), includeBuild: false)));
        command.Parameters.AddWithValue("$build_hash", (object?)run.Experiment.BuildHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$comment", (object?)run.Meta.Comment ?? DBNull.Value);
        command.Parameters.AddWithValue("$priority", Real(run.Meta.Priority));
        command.Parameters.AddWithValue("$seed", run.Seed);
        command.Parameters.AddWithValue("$hostname", run.Host.Hostname);
        command.Parameters.AddWithValue("$pid", queued ? DBNull.Value : Environment.ProcessId);
    }

    private (long Chars, long Seq) AppendOutput(SqliteTransaction transaction, string output, long chars, long seq)
    {
        if (output.Length == 0)
        {
            return (chars, seq);
        }

        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO output (run_id, seq, start_char, text) VALUES ($run, $seq, $start, $text);";
        command.Parameters.AddWithValue("$run", RunId);
        var seqParameter = command.Parameters.Add("$seq", SqliteType.Integer);
        var start = command.Parameters.Add("$start", SqliteType.Integer);
        var text = command.Parameters.Add("$text", SqliteType.Text);
        for (var from = 0; from < output.Length;)
        {
            var length = Math.Min(MaxOutputChunkChars, output.Length - from);
            if (from + length < output.Length && char.IsHighSurrogate(output[from + length - 1]))
            {
                length--;
            }

            seqParameter.Value = seq++;
            start.Value = chars;
            text.Value = output.Substring(from, length);
            command.ExecuteNonQuery();
            chars += length;
            from += length;
        }

        return (chars, seq);
    }

    private MetricState AppendMetric(SqliteTransaction transaction, MetricBatch batch, MetricState? state)
    {
        var steps = batch.Steps.Span;
        var values = batch.Values.Span;
        var times = batch.TimestampsMs.Span;
        var totals = (state?.Totals ?? default).Append(steps, values, times);
        var chunks = (int)((batch.Count + MetricChunkCodec.MaxPointsPerChunk - 1) / MetricChunkCodec.MaxPointsPerChunk);
        var nextSeq = state?.NextSeq ?? 0;
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = state is null
            ? """
              INSERT INTO metrics (run_id, name, count, min_value, min_step, max_value, max_step, last_value,
                                   last_step, first_time, last_time, chunks, sum_value, sum_count)
              VALUES ($run, $name, $count, $min, $min_step, $max, $max_step, $last, $last_step, $first_time,
                      $last_time, $chunks, $sum, $sum_count)
              RETURNING id;
              """
            : """
              UPDATE metrics SET count = $count, min_value = $min, min_step = $min_step, max_value = $max,
                  max_step = $max_step, last_value = $last, last_step = $last_step, last_time = $last_time,
                  chunks = $chunks, sum_value = $sum, sum_count = $sum_count
              WHERE id = $metric
              RETURNING id;
              """;
        command.Parameters.AddWithValue("$run", RunId);
        command.Parameters.AddWithValue("$name", batch.Name);
        command.Parameters.AddWithValue("$metric", state?.Id ?? 0);
        command.Parameters.AddWithValue("$count", totals.Count);
        command.Parameters.AddWithValue("$min", Real(totals.Min));
        command.Parameters.AddWithValue("$min_step", (object?)totals.MinStep ?? DBNull.Value);
        command.Parameters.AddWithValue("$max", Real(totals.Max));
        command.Parameters.AddWithValue("$max_step", (object?)totals.MaxStep ?? DBNull.Value);
        command.Parameters.AddWithValue("$last", Real(totals.Last));
        command.Parameters.AddWithValue("$last_step", totals.LastStep);
        command.Parameters.AddWithValue("$first_time", totals.FirstTime);
        command.Parameters.AddWithValue("$last_time", totals.LastTime);
        command.Parameters.AddWithValue("$chunks", nextSeq + chunks);
        command.Parameters.AddWithValue("$sum", totals.SumCount == 0 ? DBNull.Value : Real(totals.Sum));
        command.Parameters.AddWithValue("$sum_count", totals.SumCount);
        var metricId = (long)command.ExecuteScalar()!;

        command.Parameters.Clear();
        command.CommandText = """
            INSERT INTO metric_chunks (metric_id, seq, first_step, count, data)
            VALUES ($metric, $seq, $first_step, $count, $data);
            INSERT INTO metric_chunk_summaries (chunk_id, blocks) VALUES (last_insert_rowid(), $blocks);
            """;
        command.Parameters.AddWithValue("$metric", metricId);
        var seq = command.Parameters.Add("$seq", SqliteType.Integer);
        var firstStep = command.Parameters.Add("$first_step", SqliteType.Integer);
        var count = command.Parameters.Add("$count", SqliteType.Integer);
        var data = command.Parameters.Add("$data", SqliteType.Blob);
        var blocks = command.Parameters.Add("$blocks", SqliteType.Blob);
        for (var from = 0; from < batch.Count; from += MetricChunkCodec.MaxPointsPerChunk)
        {
            var length = Math.Min(MetricChunkCodec.MaxPointsPerChunk, batch.Count - from);
            seq.Value = nextSeq++;
            firstStep.Value = steps[from];
            count.Value = length;
            var needed = MetricChunkCodec.MaxEncodedLength(length);
            if (_chunkBuffer.Length < needed)
            {
                _chunkBuffer = new byte[needed];
            }

            data.Value = _chunkBuffer;
            data.Size = MetricChunkCodec.EncodeInto(_chunkBuffer, steps.Slice(from, length), values.Slice(from, length), times.Slice(from, length));

            // The writer has the points at hand: summarising them here (one pass over the values) spares a chart's
            // first read of the series from decoding them all.
            var summaryNeeded = MetricBlockSummaryCodec.MaxEncodedLength(length);
            if (_summaryBuffer.Length < summaryNeeded)
            {
                _summaryBuffer = new byte[summaryNeeded];
            }

            blocks.Value = _summaryBuffer;
            blocks.Size = MetricBlockSummaryCodec.EncodeInto(_summaryBuffer, steps.Slice(from, length), values.Slice(from, length), times.Slice(from, length));
            command.ExecuteNonQuery();
        }

        return new MetricState(metricId, nextSeq, totals);
    }

    private static void AddResult(SqliteCommand command, ConfigNode? result)
    {
        command.Parameters.AddWithValue("$result", (object?)StoredJson.WriteOrNull(result) ?? DBNull.Value);
        command.Parameters.AddWithValue("$result_value", result?.Kind switch
        {
            ConfigNodeKind.Integer => result.IntegerValue,
            ConfigNodeKind.Float => Real(result.FloatValue),
            _ => DBNull.Value,
        });
    }

    /// <summary>SQLite cannot store NaN; it becomes NULL.</summary>
    private static object Real(double? value) => value is { } v && !double.IsNaN(v) ? v : DBNull.Value;

    private sealed record MetricState(long Id, int NextSeq, MetricTotals Totals);

    /// <summary>A build this start stores: its hash, its record without files, and its files with their stored hashes.</summary>
    private sealed record NewBuild(string Hash, ConfigNode Record, List<(SourceFileInfo File, string Hash)> Files);
}
