using System;
using Microsoft.Data.Sqlite;

namespace Sacred.Storage;

/// <summary>One step of the store's schema history: the SQL that takes version <c>Version - 1</c> to <c>Version</c>.</summary>
/// <param name="Version">The schema version after this step (<c>PRAGMA user_version</c>).</param>
/// <param name="Description">What the step does, for error messages.</param>
/// <param name="Sql">The statements, run in the same transaction as the version bump.</param>
/// <param name="Backfill">Code run after <paramref name="Sql"/>, in the same transaction, for what SQL alone cannot compute.</param>
internal sealed record StoreMigration(int Version, string Description, string Sql, Action<SqliteConnection, SqliteTransaction>? Backfill = null);
