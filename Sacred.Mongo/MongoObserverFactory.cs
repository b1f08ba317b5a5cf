using System;
using Sacred.Mongo.Queue;
using Sacred.Queue;
using Sacred.Recording;

namespace Sacred.Mongo;

/// <summary>
/// Makes <see cref="MongoObserver"/>s for <c>-m</c>, and the MongoDB queue for <c>worker -m</c>. The generator hands
/// <see cref="Instance"/> to the runtime when an experiment's project references Sacred.Mongo; nothing else needs to be wired.
/// </summary>
public sealed class MongoObserverFactory : IMongoObserverFactory, IMongoRunQueueFactory
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

    /// <inheritdoc/>
    public IRunQueue OpenQueue(string target)
    {
        try
        {
            return new MongoRunQueue(MongoTarget.Parse(target));
        }
        catch (FormatException e)
        {
            throw new QueueUnavailableException(e.Message, e);
        }
    }

    /// <inheritdoc/>
    public IRunObserver ClaimedRunObserver(string target, QueuedRunClaim claim, string workerId, TimeSpan lease, string? storeDirectory, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new MongoObserver(MongoTarget.Parse(target), claim.RunId, workerId, lease, storeDirectory, warn);
    }
}
