using System;
using System.Collections.Generic;
using System.IO;
using Sacred.Recording;
using Sacred.Storage;

namespace Sacred.Observers;

/// <summary>Chooses a run's observers from its options: the embedded store unless <c>-u</c>, plus <c>-F</c>.</summary>
internal static class ObserverFactory
{
    /// <summary>The environment variable that records every run to MongoDB when <c>-m</c> is not given.</summary>
    public const string MongoVariable = "SACRED_MONGO";

    /// <summary>The MongoDB address a run records to: <c>-m</c>, else <c>SACRED_MONGO</c>, else null (also with <c>-u</c>).</summary>
    public static string? MongoTarget(RunOptions options) =>
        options.Unobserved ? null
        : options.MongoDb ?? (Environment.GetEnvironmentVariable(MongoVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    /// <summary>Makes the observers; nothing is opened or written yet.</summary>
    /// <param name="options">The run's flags.</param>
    /// <param name="mongo">Makes the <c>-m</c> observer; null when the experiment does not reference Sacred.Mongo.</param>
    /// <param name="warn">Writes a warning line to the run's log.</param>
    /// <param name="mongoFromEnvironment">
    /// Whether <c>SACRED_MONGO</c> adds a MongoDB observer when no <c>-m</c> is given; false for a run claimed from a
    /// MongoDB queue, whose claimed document is recorded by its own observer (a second one would write a second run).
    /// </param>
    /// <exception cref="ObserverUnavailableException">A flag asks for an observer that cannot be made (<c>-m</c> without Sacred.Mongo, or a bad address).</exception>
    public static List<IRunObserver> Create(RunOptions options, IMongoObserverFactory? mongo = null, Action<string>? warn = null, bool mongoFromEnvironment = true)
    {
        var observers = new List<IRunObserver>();
        if (options.Unobserved)
        {
            return observers;
        }

        var store = StoreLocation.Resolve(options.Store);
        observers.Add(new EmbeddedStoreObserver(store) { ClaimedBy = options.ClaimedBy });
        if (options.FileStorage is { } fileStorage)
        {
            observers.Add(new FileStorageObserver(Path.GetFullPath(fileStorage)) { TakesOverQueued = options.ClaimedBy is not null });
        }

        if ((mongoFromEnvironment ? MongoTarget(options) : options.MongoDb) is { } target)
        {
            if (mongo is null)
            {
                throw new ObserverUnavailableException(MongoNotReferenced(target));
            }

            observers.Add(mongo.Create(target, Path.GetFullPath(store), warn ?? (_ => { })));
        }

        return observers;
    }

    /// <summary>The one line for <c>-m</c> in an experiment that does not reference Sacred.Mongo.</summary>
    public static string MongoNotReferenced(string target) =>
        $"-m/--mongo_db '{MongoAddressRedaction.Redact(target)}': recording to MongoDB needs the Sacred.Mongo package, which this experiment does not reference; add it (dotnet add package Sacred.Mongo, or a ProjectReference to Sacred.Mongo/Sacred.Mongo.csproj) and build again";
}
