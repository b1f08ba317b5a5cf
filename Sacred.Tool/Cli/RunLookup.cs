using Sacred.Storage;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Cli;

/// <summary>Finds a run by the id a user typed: the number `sacred ls` shows, or a custom <c>-i</c> id.</summary>
internal static class RunLookup
{
    public static RunDetail Get(RunStore store, string id)
    {
        var number = store.FindRun(id) ?? throw new StoreException($"no run '{id}' in the store {store.Directory}; `sacred ls` lists the runs");
        return store.GetRun(number) ?? throw new StoreException($"no run '{id}' in the store {store.Directory}");
    }
}
