using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MongoDB.Driver;
using Sacred.CommandLine;
using Sacred.Mongo;
using Sacred.Mongo.Recording;
using Sacred.Mongo.Sync;

namespace Sacred.Tool.Cli;

/// <summary>
/// <c>sacred sync [--store DIR] -m URL</c>: uploads to MongoDB every run of the store that is not there yet (runs
/// recorded while the server was away), each exactly once. Running it again, or from another machine, uploads
/// nothing twice. Exit 1 when the server cannot be reached (nothing is half-written: a run cut short is replaced
/// whole by the next sync).
/// </summary>
internal static class SyncCommand
{
    public const string Usage = "sacred sync [--store DIR] -m URL";

    private static readonly CommandLineOption Mongo = new('m', "mongo_db", "URL", "The MongoDB: mongodb://host:27017/db or Sacred's host:port:db_name (else $SACRED_MONGO).");

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = ToolArguments.Parse(args, [Mongo, ToolOptions.Store], 0, 0, Usage["sacred ".Length..]);
        var text = parsed.Value(Mongo) ?? Environment.GetEnvironmentVariable("SACRED_MONGO");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("sacred sync needs the MongoDB to upload to: -m mongodb://host:27017/db (or host:port:db_name), or SACRED_MONGO");
        }

        MongoTarget target;
        try
        {
            target = MongoTarget.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }

        var uploaded = 0;
        try
        {
            var sync = new StoreSync(parsed.Store, target, MongoRunDatabase.Connect(target));
            var results = sync.SyncAll(progress: result =>
            {
                if (result.Outcome == SyncOutcome.Uploaded)
                {
                    uploaded++;
                    stdout.Write($"run {result.RunId} uploaded as _id {result.MongoId}\n");
                }
                else
                {
                    stdout.Write($"run {result.RunId} waits: {result.Reason}\n");
                }
            });
            var already = results.Count(r => r.Outcome == SyncOutcome.AlreadySynced);
            var waiting = results.Count(r => r.Outcome == SyncOutcome.Waiting);
            stdout.Write($"{uploaded} uploaded, {already} already in MongoDB {target}, {waiting} waiting (running, queued or being uploaded elsewhere)\n");
            return 0;
        }
        catch (Exception e) when (e is TimeoutException or MongoException)
        {
            var reason = target.Reason(e);
            stderr.Write($"error: MongoDB {target} cannot be reached or refused a write ({reason}); {uploaded} runs were uploaded before that; run sacred sync again when it is back\n");
            return 1;
        }
    }
}
