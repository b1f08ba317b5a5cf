using System.Collections.Generic;
using Sacred.CommandLine;

namespace Sacred.Tool.Cli;

/// <summary>The <c>sacred</c> command's options, read by the runtime's <see cref="CommandLineTokenizer"/> as an experiment's flags are.</summary>
internal static class ToolOptions
{
    public static readonly CommandLineOption Status = new(null, "status", "S[,S...]", "Only runs with one of these statuses.");
    public static readonly CommandLineOption Experiment = new(null, "experiment", "NAME", "Only runs of this experiment.");
    public static readonly CommandLineOption Sort = new(null, "sort", "KEY", "The sort key; a leading '-' sorts descending.");
    public static readonly CommandLineOption Limit = new(null, "limit", "N", "At most N runs.");
    public static readonly CommandLineOption Points = new(null, "points", "N", "About N points at most, downsampled.");
    public static readonly CommandLineOption Store = new(null, "store", "DIR", "The store folder.");
    public static readonly CommandLineOption Json = new(null, "json", null, "JSON for scripts instead of tables.");
    public static readonly CommandLineOption Keep = new(null, "keep", "DIR", "Rebuild the run in this folder and leave it there.");

    /// <summary>A command's own options, plus <c>--store</c> and <c>--json</c> that every command takes.</summary>
    public static IReadOnlyList<CommandLineOption> With(params CommandLineOption[] own) => [.. own, Store, Json];
}
