using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Sacred.Generated;
using Sacred.Recording;

namespace Sacred.Storage.Reading;

/// <summary>Reads the parts of <see cref="RunDetail"/> beyond the summary, in the caller's read transaction.</summary>
internal static class RunDetailReader
{
    public static RunDetail? Read(SqliteConnection connection, SqliteTransaction transaction, RunSummary summary)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$run", summary.Id);
        command.CommandText = """
            SELECT d.config, d.modifications, d.meta, d.host, d.experiment, d.info, d.fail_trace, r.output_chars, r.pid,
                   d.build_hash, b.record
            FROM runs r JOIN run_records d ON d.run_id = r.id LEFT JOIN builds b ON b.hash = d.build_hash WHERE r.id = $run;
            """;
        string config, modifications, meta, host, experiment;
        string? info, failTrace, buildHash, buildRecord;
        long outputChars;
        int? pid;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            config = reader.GetString(0);
            modifications = reader.GetString(1);
            meta = reader.GetString(2);
            host = reader.GetString(3);
            experiment = reader.GetString(4);
            info = reader.IsDBNull(5) ? null : reader.GetString(5);
            failTrace = reader.IsDBNull(6) ? null : reader.GetString(6);
            outputChars = reader.GetInt64(7);
            pid = reader.IsDBNull(8) ? null : reader.GetInt32(8);
            buildHash = reader.IsDBNull(9) ? null : reader.GetString(9);
            buildRecord = reader.IsDBNull(10) ? null : reader.GetString(10);
        }

        var sources = new List<StoredSource>();
        var buildFiles = new List<StoredSource>();
        command.CommandText = "SELECT path, md5, file_hash FROM run_sources WHERE run_id = $run ORDER BY path;";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var path = reader.GetString(0);
                if (path.StartsWith(StoreLayout.BuildFilePathPrefix, StringComparison.Ordinal))
                {
                    // A run recorded before schema v5 kept its build files beside its sources.
                    buildFiles.Add(new StoredSource(path[StoreLayout.BuildFilePathPrefix.Length..], reader.GetString(1), reader.GetString(2)));
                }
                else
                {
                    sources.Add(new StoredSource(path, reader.GetString(1), reader.GetString(2)));
                }
            }
        }

        if (buildHash is not null)
        {
            command.CommandText = "SELECT path, md5, file_hash FROM build_files WHERE build_hash = $build ORDER BY path;";
            command.Parameters.AddWithValue("$build", buildHash);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                buildFiles.Add(new StoredSource(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var artifacts = new List<StoredArtifact>();
        command.CommandText = """
            SELECT name, file_hash, size, content_type, metadata, added_time
            FROM artifacts WHERE run_id = $run ORDER BY name;
            """;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                artifacts.Add(new StoredArtifact(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    StoredJson.ReadOrNull(reader.IsDBNull(4) ? null : reader.GetString(4)),
                    UnixTime.FromMs(reader.GetInt64(5))));
            }
        }

        var resources = new List<StoredResource>();
        command.CommandText = "SELECT path, md5 FROM resources WHERE run_id = $run ORDER BY path, md5;";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                resources.Add(new StoredResource(reader.GetString(0), reader.GetString(1)));
            }
        }

        var recorded = RunRecordMapping.ReadExperiment(StoredJson.Read(experiment));
        var build = buildRecord is null ? recorded.Build : RunRecordMapping.ReadBuild(StoredJson.Read(buildRecord));
        return new RunDetail(
            summary,
            StoredJson.Read(config),
            RunRecordMapping.ReadModifications(StoredJson.Read(modifications)),
            RunRecordMapping.ReadMeta(StoredJson.Read(meta)),
            RunRecordMapping.ReadHost(StoredJson.Read(host)),
            new StoredExperiment(recorded.Name, recorded.BaseDirectory, recorded.MainFile, sources, recorded.Dependencies, recorded.Repositories)
            {
                Build = build is null
                    ? null
                    : new StoredBuild(build.RepositoryRoot, build.ProjectPath, build.TargetFramework, build.SdkVersion, buildFiles, build.Packages, build.ProjectReferences)
                    {
                        Hash = buildHash,
                    },
            },
            StoredJson.ReadOrNull(info) ?? new ConfigObjectBuilder().Build(),
            failTrace is null ? null : RunRecordMapping.ReadFailTrace(StoredJson.Read(failTrace)),
            artifacts,
            resources,
            ReadMetrics(command),
            outputChars,
            pid);
    }

    private static List<MetricSummary> ReadMetrics(SqliteCommand command)
    {
        var metrics = new List<MetricSummary>();
        command.CommandText = """
            SELECT name, count, min_value, min_step, max_value, max_step, last_value, last_step, first_time, last_time,
                   mean_value
            FROM metrics WHERE run_id = $run ORDER BY name;
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            metrics.Add(new MetricSummary(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetDouble(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5),
                reader.IsDBNull(6) ? double.NaN : reader.GetDouble(6),
                reader.GetInt64(7),
                UnixTime.FromMs(reader.GetInt64(8)),
                UnixTime.FromMs(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetDouble(10)));
        }

        return metrics;
    }
}
