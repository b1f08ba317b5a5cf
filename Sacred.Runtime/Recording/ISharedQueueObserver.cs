namespace Sacred.Recording;

/// <summary>
/// An observer whose queued runs are claimed by workers on any machine (MongoDB, for <c>-q -m</c>). A run queued into
/// one is queued there only: the embedded store, which is a one-machine queue, keeps no second copy that a local
/// worker would run as well. Where this observer could not queue the run (its server away), the run stays queued in
/// the embedded store.
/// </summary>
public interface ISharedQueueObserver : IRunObserver
{
}
