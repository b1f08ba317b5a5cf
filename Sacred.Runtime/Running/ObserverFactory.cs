using System;
using System.Collections.Generic;
using System.IO;
using Sacred.Observers;

namespace Sacred.Running;

/// <summary>Chooses a run's observers from its options: the embedded store unless <c>-u</c>, plus <c>-F</c>.</summary>
internal static class ObserverFactory
{
    /// <summary>The environment variable naming the embedded store's folder when <c>--store</c> is not given.</summary>
    public const string StoreVariable = "SACRED_STORE";

    /// <summary>The embedded store's folder when neither <c>--store</c> nor <c>SACRED_STORE</c> is given.</summary>
    public const string DefaultStore = "sacred_runs";

    public static string StoreDirectory(RunOptions options) =>
        Path.GetFullPath(options.Store ?? Environment.GetEnvironmentVariable(StoreVariable) ?? DefaultStore);

    public static List<IRunObserver> Create(RunOptions options)
    {
        var observers = new List<IRunObserver>();
        if (options.Unobserved)
        {
            return observers;
        }

        if (options.MongoDb is not null)
        {
            throw new Cli.UsageException($"-m/--mongo_db '{options.MongoDb}': recording to MongoDB is not available in this version; use the embedded store (default) or -F DIR");
        }

        observers.Add(new EmbeddedStoreObserver(StoreDirectory(options)));
        if (options.FileStorage is { } fileStorage)
        {
            observers.Add(new FileStorageObserver(Path.GetFullPath(fileStorage)));
        }

        return observers;
    }
}
