using System;
using System.Collections.Generic;
using System.Globalization;

namespace Sacred.Queue;

/// <summary>
/// The flags a claimed run runs with: those it was queued with (its <c>meta.options</c>: command, updates as given,
/// comment, name, priority, force, beat interval, capture, log level), recorded into the worker's store under its
/// own id, and into the <c>-F</c> folder it was queued with (its queued run directory is taken over; a relative path
/// is the worker's). <c>-m</c> is not used again: the worker's store (or the queue it claimed from) is where runs go.
/// </summary>
public static class QueuedRunOptions
{
    /// <summary>The options of a claimed run.</summary>
    /// <param name="claim">The claimed run.</param>
    /// <param name="store">The worker's store (<c>--store</c>), or null for the default.</param>
    /// <param name="workerId">The worker, whose claim the run's start takes over.</param>
    /// <returns>The run's options.</returns>
    public static RunOptions For(QueuedRunClaim claim, string? store, string workerId) => Build(claim, store, claim?.RunId, workerId);

    /// <summary>
    /// The options of a run claimed from another store (MongoDB, <c>worker -m</c>): the same flags, recorded into the
    /// worker's embedded store as a new run of its own, since the queued run is not in that store.
    /// </summary>
    /// <param name="claim">The claimed run.</param>
    /// <param name="store">The worker's store (<c>--store</c>), or null for the default.</param>
    /// <returns>The run's options.</returns>
    public static RunOptions ForOtherStore(QueuedRunClaim claim, string? store) => Build(claim, store, null, null);

    private static RunOptions Build(QueuedRunClaim? claim, string? store, string? id, string? claimedBy)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var options = claim.Options;
        return new RunOptions
        {
            Command = Text(options, "COMMAND"),
            Updates = Strings(options, "UPDATE"),
            Comment = Text(options, "--comment"),
            Name = Text(options, "--name"),
            Priority = Number(options, "--priority"),
            Force = Flag(options, "--force"),
            BeatInterval = Number(options, "--beat-interval"),
            Capture = Text(options, "--capture") switch
            {
                "fd" => CaptureMode.Fd,
                "sys" => CaptureMode.Sys,
                "no" => CaptureMode.No,
                _ => null,
            },
            LogLevel = Text(options, "--loglevel"),
            Store = store,
            FileStorage = claimedBy is null ? null : Text(options, "--file_storage"),
            Id = id,
            ClaimedBy = claimedBy,
        };
    }

    private static string? Text(ConfigNode options, string key) =>
        options.Get(key) is { Kind: ConfigNodeKind.String } value ? value.StringValue : null;

    private static bool Flag(ConfigNode options, string key) =>
        options.Get(key) is { Kind: ConfigNodeKind.Bool } value && value.BoolValue;

    private static double? Number(ConfigNode options, string key) => options.Get(key) switch
    {
        { Kind: ConfigNodeKind.String } text when double.TryParse(text.StringValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        { Kind: ConfigNodeKind.Float } number => number.FloatValue,
        { Kind: ConfigNodeKind.Integer } number => number.IntegerValue,
        _ => null,
    };

    private static List<string> Strings(ConfigNode options, string key)
    {
        var list = new List<string>();
        if (options.Get(key) is { Kind: ConfigNodeKind.List } items)
        {
            foreach (var item in items.Items)
            {
                if (item.Kind == ConfigNodeKind.String)
                {
                    list.Add(item.StringValue);
                }
            }
        }

        return list;
    }
}
