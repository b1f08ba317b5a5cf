using System;
using System.Collections.Generic;
using System.Globalization;
using Sacred.Logging;

namespace Sacred;

/// <summary>The command-line flags of one run, parsed and validated, with the command and updates as given.</summary>
public sealed class RunOptions
{
    /// <summary>The COMMAND argument as given; null when the default (main) command runs.</summary>
    public string? Command { get; init; }

    /// <summary>The UPDATE arguments after <c>with</c>, as given.</summary>
    public IReadOnlyList<string> Updates { get; init; } = [];

    /// <summary><c>-F/--file_storage DIR</c>: store the run in a Sacred FileStorage directory.</summary>
    public string? FileStorage { get; init; }

    /// <summary><c>-m/--mongo_db URL</c>: store the run in MongoDB.</summary>
    public string? MongoDb { get; init; }

    /// <summary><c>--store DIR</c>: the embedded store's directory.</summary>
    public string? Store { get; init; }

    /// <summary><c>-u/--unobserved</c>: record nothing.</summary>
    public bool Unobserved { get; init; }

    /// <summary><c>-q/--queue</c>: only queue the run; the command is not run.</summary>
    public bool Queue { get; init; }

    /// <summary><c>-c/--comment TEXT</c>: a comment stored with the run.</summary>
    public string? Comment { get; init; }

    /// <summary><c>-n/--name NAME</c>: overrides the experiment name for this run.</summary>
    public string? Name { get; init; }

    /// <summary><c>-i/--id ID</c>: the run id to use.</summary>
    public string? Id { get; init; }

    /// <summary><c>-b/--beat-interval SECONDS</c>: the heartbeat period; zero or less disables heartbeats.</summary>
    public double? BeatInterval { get; init; }

    /// <summary><c>-C/--capture fd|sys|no</c>: how stdout and stderr are captured.</summary>
    public CaptureMode? Capture { get; init; }

    /// <summary><c>-l/--loglevel LEVEL</c> as given: DEBUG, INFO, WARNING, ERROR, CRITICAL or 0-50.</summary>
    public string? LogLevel { get; init; }

    /// <summary><c>-p/--print-config</c>: print the config before running.</summary>
    public bool PrintConfig { get; init; }

    /// <summary><c>-e/--enforce_clean</c>: refuse to run from a dirty or missing git repository.</summary>
    public bool EnforceClean { get; init; }

    /// <summary><c>-f/--force</c>: accept config keys the experiment does not define.</summary>
    public bool Force { get; init; }

    /// <summary><c>-P/--priority NUMBER</c>: the priority of a queued run.</summary>
    public double? Priority { get; init; }

    /// <summary><c>-d/--debug</c>: let a failing command's exception propagate.</summary>
    public bool Debug { get; init; }

    /// <summary><c>--color</c>: colour print_config output even when stdout is not a terminal.</summary>
    public bool Color { get; init; }

    /// <summary><c>-h/--help</c>: print the usage and exit.</summary>
    public bool Help { get; init; }

    /// <summary>The queue worker that claimed this run (<c>EXE worker</c>), whose start takes over the claimed run; null otherwise.</summary>
    internal string? ClaimedBy { get; init; }

    /// <summary>The Python logging level the log lines are filtered at (INFO when not given).</summary>
    internal int LogThreshold =>
        LogLevel is not null && PythonLogLevel.TryParse(LogLevel, out var level) ? level : PythonLogLevel.Default;

    /// <summary>
    /// Sacred's <c>meta.options</c>: every long flag (valued options as text, flags as booleans, null or false
    /// when not given), plus <c>COMMAND</c>, <c>UPDATE</c>, <c>help</c> and <c>with</c>; ordinal key order.
    /// </summary>
    /// <returns>The options dictionary.</returns>
    public IReadOnlyDictionary<string, ConfigNode> ToMeta() => new SortedDictionary<string, ConfigNode>(StringComparer.Ordinal)
    {
        ["--beat-interval"] = Text(BeatInterval),
        ["--capture"] = ConfigNode.From(Capture?.ToString().ToLowerInvariant()),
        ["--color"] = ConfigNode.From(Color),
        ["--comment"] = ConfigNode.From(Comment),
        ["--debug"] = ConfigNode.From(Debug),
        ["--enforce_clean"] = ConfigNode.From(EnforceClean),
        ["--file_storage"] = ConfigNode.From(FileStorage),
        ["--force"] = ConfigNode.From(Force),
        ["--help"] = ConfigNode.From(Help),
        ["--id"] = ConfigNode.From(Id),
        ["--loglevel"] = ConfigNode.From(LogLevel),
        ["--mongo_db"] = ConfigNode.From(Observers.MongoAddressRedaction.Redact(MongoDb)),
        ["--name"] = ConfigNode.From(Name),
        ["--print-config"] = ConfigNode.From(PrintConfig),
        ["--priority"] = Text(Priority),
        ["--queue"] = ConfigNode.From(Queue),
        ["--store"] = ConfigNode.From(Store),
        ["--unobserved"] = ConfigNode.From(Unobserved),
        ["COMMAND"] = ConfigNode.From(Command),
        ["UPDATE"] = ConfigNode.FromList(Updates, ConfigNode.From),
        ["help"] = ConfigNode.From(Command == "help"),
        ["with"] = ConfigNode.From(Updates.Count > 0),
    };

    private static ConfigNode Text(double? value) => ConfigNode.From(value?.ToString("R", CultureInfo.InvariantCulture));
}
