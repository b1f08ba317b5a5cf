using System.Collections.Generic;

namespace Sacred.CommandLine;

/// <summary>The flags every experiment's command line accepts: Sacred's, plus <c>--store</c> and <c>--color</c>.</summary>
internal static class CommandLineOptions
{
    public static readonly CommandLineOption BeatInterval = new('b', "beat-interval", "SECONDS", "Heartbeat interval in seconds (0 or less disables heartbeats).");
    public static readonly CommandLineOption Capture = new('C', "capture", "MODE", "How stdout and stderr are captured: fd, sys or no.");
    public static readonly CommandLineOption Comment = new('c', "comment", "TEXT", "A comment stored with the run.");
    public static readonly CommandLineOption Color = new(null, "color", null, "Colour print_config output even when stdout is not a terminal.");
    public static readonly CommandLineOption Debug = new('d', "debug", null, "Debug mode: a failing command's exception is not caught.");
    public static readonly CommandLineOption EnforceClean = new('e', "enforce_clean", null, "Refuse to run unless the git repository is clean.");
    public static readonly CommandLineOption FileStorage = new('F', "file_storage", "BASEDIR", "Record the run in a Sacred file storage under BASEDIR.");
    public static readonly CommandLineOption Force = new('f', "force", null, "Accept config keys the experiment does not define.");
    public static readonly CommandLineOption Help = new('h', "help", null, "Print this help and exit.");
    public static readonly CommandLineOption Id = new('i', "id", "ID", "The id of the run.");
    public static readonly CommandLineOption LogLevel = new('l', "loglevel", "LEVEL", "Log level: DEBUG, INFO, WARNING, ERROR, CRITICAL or 0-50.");
    public static readonly CommandLineOption MongoDb = new('m', "mongo_db", "DB", "Record the run in MongoDB: [host:port:]db_name[.collection].");
    public static readonly CommandLineOption Name = new('n', "name", "NAME", "The experiment name for this run.");
    public static readonly CommandLineOption Priority = new('P', "priority", "PRIORITY", "The priority of a queued run (a number).");
    public static readonly CommandLineOption PrintConfig = new('p', "print-config", null, "Print the configuration before running the command.");
    public static readonly CommandLineOption Queue = new('q', "queue", null, "Only queue the run; do not start it.");
    public static readonly CommandLineOption Store = new(null, "store", "DIR", "Record the run in the embedded store in DIR.");
    public static readonly CommandLineOption Unobserved = new('u', "unobserved", null, "Record nothing for this run.");

    /// <summary>All flags, in the order the help lists them.</summary>
    public static readonly IReadOnlyList<CommandLineOption> All =
    [
        BeatInterval, Capture, Comment, Color, Debug, EnforceClean, FileStorage, Force, Help, Id, LogLevel, MongoDb,
        Name, Priority, PrintConfig, Queue, Store, Unobserved,
    ];
}
