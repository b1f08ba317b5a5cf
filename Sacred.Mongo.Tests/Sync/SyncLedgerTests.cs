using Sacred.Mongo.Sync;
using Sacred.Mongo.Tests.Processes;
using Xunit;

namespace Sacred.Mongo.Tests.Sync;

/// <summary>The store's ledger of synced runs: one uuid per store for good, runs synced per MongoDB target, kept across opens.</summary>
public sealed class SyncLedgerTests
{
    [Fact]
    public void A_store_keeps_its_uuid_and_which_runs_are_in_which_MongoDB()
    {
        var store = Programs.TempDirectory();
        var lab = MongoTarget.Parse("db1:27017:lab");
        var other = MongoTarget.Parse("mongodb://db2:27017/lab");
        string uuid;
        using (var ledger = SyncLedger.Open(store))
        {
            uuid = ledger.StoreUuid;
            ledger.MarkSynced(3, lab, "17");
        }

        using var reopened = SyncLedger.Open(store);

        Assert.Equal(uuid, reopened.StoreUuid);
        Assert.Equal(uuid + "/3", reopened.Key(3));
        Assert.Equal("17", reopened.SyncedAs(3, lab));
        Assert.Null(reopened.SyncedAs(3, other));
        Assert.Null(reopened.SyncedAs(4, lab));
        Assert.NotEqual(uuid, SyncLedger.Open(Programs.TempDirectory()).StoreUuid);
    }
}
