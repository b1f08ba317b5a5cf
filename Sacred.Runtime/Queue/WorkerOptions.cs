using System;
using System.Collections.Generic;
using System.Globalization;
using Sacred.CommandLine;
using Sacred.Generated;

namespace Sacred.Queue;

/// <summary>
/// <c>EXE worker [--store DIR] [-m URL] [--lease 60s] [--exit-when-empty] [--any-build] [--max-attempts 3] [--poll 2s]</c>:
/// what a worker claims and how long it holds a claim.
/// </summary>
public sealed record WorkerOptions
{
    /// <summary>The built-in command's name.</summary>
    public const string CommandName = "worker";

    private static readonly CommandLineOption s_lease = new(null, "lease", "DURATION", "How long a claim holds without renewal (default 60s); the worker renews it every third of that.");
    private static readonly CommandLineOption s_exitWhenEmpty = new(null, "exit-when-empty", null, "Exit (code 0) when no run of this experiment waits, instead of polling.");
    private static readonly CommandLineOption s_anyBuild = new(null, "any-build", null, "Also claim runs queued from other sources of this experiment.");
    private static readonly CommandLineOption s_maxAttempts = new(null, "max-attempts", "N", "Claims a run gets before a lost worker fails it (default 3).");
    private static readonly CommandLineOption s_poll = new(null, "poll", "DURATION", "How often an idle worker looks for work (default 2s).");

    /// <summary>The options <c>worker</c> accepts.</summary>
    public static IReadOnlyList<CommandLineOption> All { get; } =
        [CommandLineOptions.Store, CommandLineOptions.MongoDb, s_lease, s_exitWhenEmpty, s_anyBuild, s_maxAttempts, s_poll, CommandLineOptions.Help];

    /// <summary>The store to claim from and record into (<c>--store</c>); null for the default.</summary>
    public string? Store { get; init; }

    /// <summary><c>-m</c>: claim from the MongoDB queue (workers on many machines; needs Sacred.Mongo) instead of the embedded store.</summary>
    public string? MongoDb { get; init; }

    /// <summary>How long a claim holds without renewal.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Exit when the queue has nothing for this worker.</summary>
    public bool ExitWhenEmpty { get; init; }

    /// <summary>Claim runs queued from any build of the experiment, not only from identical sources.</summary>
    public bool AnyBuild { get; init; }

    /// <summary>Claims a run gets before a lost worker fails it.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How often an idle worker looks for work.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>-h</c>: print the worker's help.</summary>
    public bool Help { get; init; }

    /// <summary>The usage line and the options, for <c>worker --help</c>.</summary>
    public static string Usage(string program)
    {
        var text = new System.Text.StringBuilder($"Usage: {program} worker [options]\n\nClaims QUEUED runs of this experiment from the store (or, with -m, from MongoDB), one at a time, and runs each as it was queued.\n\nOptions:\n");
        foreach (var option in All)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {option.Usage,-34} {option.Description}\n");
        }

        return text.ToString();
    }

    /// <summary>Parses the arguments after <c>worker</c>.</summary>
    /// <param name="args">The arguments, <c>worker</c> left out.</param>
    /// <returns>The options.</returns>
    /// <exception cref="UsageException">An unknown option, a stray argument or a bad value.</exception>
    public static WorkerOptions Parse(IReadOnlyList<string> args)
    {
        var tokens = CommandLineTokenizer.Tokenize(args, All);
        if (tokens.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{tokens.Positionals[0]}' for worker; it runs the queued runs as they were queued and takes options only: {string.Join(", ", NameList())}");
        }

        var maxAttempts = 3;
        if (tokens.ValueOf(s_maxAttempts) is { } attempts && (!int.TryParse(attempts, NumberStyles.None, CultureInfo.InvariantCulture, out maxAttempts) || maxAttempts < 1))
        {
            throw new UsageException($"invalid value '{attempts}' for {s_maxAttempts.DisplayName}; expected a whole number of at least 1");
        }

        return new WorkerOptions
        {
            Store = tokens.ValueOf(CommandLineOptions.Store),
            MongoDb = tokens.ValueOf(CommandLineOptions.MongoDb),
            Lease = Duration(tokens, s_lease) ?? TimeSpan.FromSeconds(60),
            Poll = Duration(tokens, s_poll) ?? TimeSpan.FromSeconds(2),
            ExitWhenEmpty = tokens.Has(s_exitWhenEmpty),
            AnyBuild = tokens.Has(s_anyBuild),
            MaxAttempts = maxAttempts,
            Help = tokens.Has(CommandLineOptions.Help),
        };
    }

    private static IEnumerable<string> NameList()
    {
        foreach (var option in All)
        {
            yield return option.DisplayName;
        }
    }

    private static TimeSpan? Duration(TokenizedCommandLine tokens, CommandLineOption option)
    {
        if (tokens.ValueOf(option) is not { } text)
        {
            return null;
        }

        if (ValueParsers.TryParseDouble(text, out var seconds) && double.IsFinite(seconds))
        {
            return seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw Invalid(text, option);
        }

        return ValueParsers.TryParseTimeSpan(text, out var duration) && duration > TimeSpan.Zero ? duration : throw Invalid(text, option);
    }

    private static UsageException Invalid(string text, CommandLineOption option) =>
        new($"invalid value '{text}' for {option.DisplayName}; expected a positive duration such as 60s, 5m, 00:01:30 or a number of seconds");
}
