namespace Sacred.Recording;

/// <summary>Sacred's run statuses, as stored.</summary>
public static class RunStatus
{
    /// <summary>Recorded with <c>-q</c>; not started.</summary>
    public const string Queued = "QUEUED";

    /// <summary>Started and not ended (or dead, when the heartbeat is stale).</summary>
    public const string Running = "RUNNING";

    /// <summary>The main function returned.</summary>
    public const string Completed = "COMPLETED";

    /// <summary>The main function threw.</summary>
    public const string Failed = "FAILED";

    /// <summary>Stopped by Ctrl-C or SIGTERM.</summary>
    public const string Interrupted = "INTERRUPTED";

    /// <summary>Stopped by a <see cref="TimeoutInterrupt"/>.</summary>
    public const string Timeout = "TIMEOUT";
}
