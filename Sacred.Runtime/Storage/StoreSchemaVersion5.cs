namespace Sacred.Storage;

/// <summary>
/// Schema version 5: a build is stored once per store, and each run refers to it by its hash.
/// <list type="bullet">
/// <item><c>builds(hash, record, stored_time)</c>: one row per build (<c>ExperimentBuild.ComputeHash</c>, as the
/// generator computed it at compile time). <c>record</c> is Sacred's <c>experiment.build</c> without its files
/// (<c>project</c>, <c>packages</c>, <c>project_references</c>, <c>repository_root</c>, <c>sdk_version</c>,
/// <c>target_framework</c>).</item>
/// <item><c>build_files(build_hash, path, md5, file_hash)</c>: the build's files, paths relative to the repository
/// root; texts in <c>files/</c>. Indexed by <c>file_hash</c> so a deletion sees that a build still uses a file.</item>
/// <item><c>run_records.build_hash</c>: the build a run was compiled in; NULL for a run without one, and for runs
/// recorded before version 5, whose build files stay <c>build:</c> rows in <c>run_sources</c> and whose
/// <c>experiment.build</c> stays in <c>run_records.experiment</c>.</item>
/// </list>
/// A run start whose build is already stored only looks its hash up. Builds stay when their runs are deleted: a later
/// run of the same binary finds its build stored, and a start never races a deletion of the build it refers to.
/// </summary>
internal static class StoreSchemaVersion5
{
    public const string Description = "store each build once (builds, build_files) and refer to it from run_records.build_hash";

    public const string Sql = """
        CREATE TABLE builds (
            hash        TEXT PRIMARY KEY,
            record      TEXT NOT NULL,
            stored_time INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE build_files (
            build_hash TEXT NOT NULL REFERENCES builds (hash),
            path       TEXT NOT NULL,
            md5        TEXT NOT NULL,
            file_hash  TEXT NOT NULL,
            PRIMARY KEY (build_hash, path)
        ) WITHOUT ROWID;
        CREATE INDEX build_files_by_file ON build_files (file_hash);
        ALTER TABLE run_records ADD COLUMN build_hash TEXT;
        """;
}
