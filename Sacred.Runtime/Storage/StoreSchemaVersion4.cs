namespace Sacred.Storage;

/// <summary>
/// Schema version 4, for the queue (<c>EXE worker</c>): who holds a claimed run and until when.
/// <list type="bullet">
/// <item><c>runs.worker</c>: the id (<c>host:pid:random</c>) of the worker that claimed the run; NULL for a run that
/// was not started by a worker.</item>
/// <item><c>runs.lease_expires</c>: Unix epoch milliseconds until which the worker holds the run; the worker renews
/// it while the run goes. A RUNNING run whose lease has expired is queued again (or, after its last attempt,
/// recorded as FAILED) by the next worker that looks for work.</item>
/// <item><c>runs.attempts</c>: how many times workers have claimed the run.</item>
/// <item>An index that finds the next QUEUED run of an experiment, and the expired leases, without a scan.</item>
/// </list>
/// </summary>
internal static class StoreSchemaVersion4
{
    public const string Description = "add the queue's worker, lease and attempt columns";

    public const string Sql = """
        ALTER TABLE runs ADD COLUMN worker TEXT;
        ALTER TABLE runs ADD COLUMN lease_expires INTEGER;
        ALTER TABLE runs ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX runs_by_queue ON runs (status, experiment_name, priority, id);
        CREATE INDEX runs_by_lease ON runs (lease_expires) WHERE lease_expires IS NOT NULL;
        """;
}
