using System;
using System.Collections.Generic;
using System.Diagnostics;
using Sacred.Board.Security;
using Sacred.Storage;
using Sacred.Storage.Curation;
using Sacred.Storage.Reading;
using Sacred.Storage.Writing;

namespace Sacred.Board.Api;

/// <summary>What every endpoint shares: the store, curation (unless read-only), access rules and a short-lived catalog.</summary>
internal sealed class BoardState : IDisposable
{
    private static readonly TimeSpan s_catalogLifetime = TimeSpan.FromSeconds(5);
    private readonly object _catalogLock = new();
    private StoreCatalog? _catalog;
    private HashSet<string>? _configKeys;
    private HashSet<string>? _metrics;
    private long _catalogRead;

    public BoardState(BoardOptions options, RunStore store, RunCuration? curation, BoardAccess access)
    {
        Options = options;
        Store = store;
        Curation = curation;
        Access = access;
    }

    public BoardOptions Options { get; }

    public RunStore Store { get; }

    /// <summary>Null when the board is read-only.</summary>
    public RunCuration? Curation { get; }

    public BoardAccess Access { get; }

    /// <summary>The catalog, read again when older than a few seconds (new keys appear as runs are recorded).</summary>
    public (StoreCatalog Catalog, HashSet<string> ConfigKeys, HashSet<string> Metrics) Catalog()
    {
        lock (_catalogLock)
        {
            if (_catalog is null || Stopwatch.GetElapsedTime(_catalogRead) > s_catalogLifetime)
            {
                _catalog = Store.GetCatalog();
                _configKeys = new HashSet<string>(StringComparer.Ordinal);
                foreach (var key in _catalog.ConfigKeys)
                {
                    _configKeys.Add(key.Key);
                }

                _metrics = new HashSet<string>(_catalog.Metrics, StringComparer.Ordinal);
                _catalogRead = Stopwatch.GetTimestamp();
            }

            return (_catalog, _configKeys!, _metrics!);
        }
    }

    /// <summary>Forgets the catalog (after tags changed or runs were deleted).</summary>
    public void Invalidate()
    {
        lock (_catalogLock)
        {
            _catalog = null;
        }
    }

    public void Dispose() => Store.Dispose();
}
