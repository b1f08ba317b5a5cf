using System;
using Sacred.Recording;

namespace Sacred.Mongo;

/// <summary>
/// Makes <see cref="MongoObserver"/>s for <c>-m</c>. The generator hands <see cref="Instance"/> to the runtime when an
/// experiment's project references Sacred.Mongo; nothing else needs to be wired.
/// </summary>
public sealed class MongoObserverFactory : IMongoObserverFactory
{
    private MongoObserverFactory()
    {
    }

    /// <summary>The factory.</summary>
    public static IMongoObserverFactory Instance { get; } = new MongoObserverFactory();

    /// <inheritdoc/>
    public IRunObserver Create(string target, string? storeDirectory, Action<string> warn)
    {
        try
        {
            return new MongoObserver(MongoTarget.Parse(target), storeDirectory, warn);
        }
        catch (FormatException e)
        {
            throw new ObserverUnavailableException(e.Message, e);
        }
    }
}
