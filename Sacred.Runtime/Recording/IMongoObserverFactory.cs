using System;

namespace Sacred.Recording;

/// <summary>
/// Makes the observer for <c>-m</c>/<c>--mongo_db</c>/<c>SACRED_MONGO</c>. It lives in the optional Sacred.Mongo
/// assembly, so an experiment that does not reference it carries neither the MongoDB driver nor its AOT warnings;
/// the generator hands it to the runtime (<see cref="Generated.ExperimentDefinition{TState}.MongoObservers"/>) when
/// the project references Sacred.Mongo, without reflection.
/// </summary>
public interface IMongoObserverFactory
{
    /// <summary>Makes the observer; nothing is connected or written yet.</summary>
    /// <param name="target">The address as given: a <c>mongodb://</c> connection string or Sacred's <c>[host:port:]db_name[.prefix]</c>.</param>
    /// <param name="storeDirectory">The embedded store recording the same run (which keeps it while the server is away), or null.</param>
    /// <param name="warn">Writes one warning line to the run's log.</param>
    /// <returns>The observer.</returns>
    /// <exception cref="ObserverUnavailableException">The address is not valid (one line saying which forms are).</exception>
    IRunObserver Create(string target, string? storeDirectory, Action<string> warn);
}
