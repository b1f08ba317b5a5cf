using System.Collections.Generic;
using System.IO;
using Sacred.Recording;
using Sacred.Storage;

namespace Sacred.Observers;

/// <summary>Chooses a run's observers from its options: the embedded store unless <c>-u</c>, plus <c>-F</c>.</summary>
internal static class ObserverFactory
{
    /// <summary>Makes the observers; nothing is opened or written yet.</summary>
    /// <exception cref="ObserverUnavailableException">A flag asks for an observer this version cannot make (<c>-m</c>).</exception>
    public static List<IRunObserver> Create(RunOptions options)
    {
        var observers = new List<IRunObserver>();
        if (options.Unobserved)
        {
            return observers;
        }

        if (options.MongoDb is not null)
        {
            throw new ObserverUnavailableException($"-m/--mongo_db '{options.MongoDb}': recording to MongoDB is not available in this version; use the embedded store (default) or -F DIR");
        }

        observers.Add(new EmbeddedStoreObserver(StoreLocation.Resolve(options.Store)) { ClaimedBy = options.ClaimedBy });
        if (options.FileStorage is { } fileStorage)
        {
            observers.Add(new FileStorageObserver(Path.GetFullPath(fileStorage)));
        }

        return observers;
    }
}
