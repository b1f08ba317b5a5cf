using System;
using System.Collections.Generic;
using Sacred.Generated;

namespace Sacred;

/// <summary>
/// The run's free-form info dict (Sacred's <c>_run.info</c>), sent with every heartbeat. Thread-safe; values
/// are config trees, so they serialize without reflection.
/// </summary>
public sealed class RunInfo
{
    private readonly SortedDictionary<string, ConfigNode> _entries = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Gets or sets an entry.</summary>
    /// <param name="key">The entry's key.</param>
    public ConfigNode this[string key]
    {
        get
        {
            lock (_entries)
            {
                return _entries[key];
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(value);
            lock (_entries)
            {
                _entries[key] = value;
                _version++;
            }
        }
    }

    /// <summary>True when an entry exists.</summary>
    /// <param name="key">The entry's key.</param>
    /// <returns>Whether it exists.</returns>
    public bool ContainsKey(string key)
    {
        lock (_entries)
        {
            return _entries.ContainsKey(key);
        }
    }

    /// <summary>Changes an entry atomically, e.g. to append to a list it holds.</summary>
    /// <param name="key">The entry's key.</param>
    /// <param name="update">Receives the current value (null when absent) and returns the new one.</param>
    public void Update(string key, Func<ConfigNode?, ConfigNode> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_entries)
        {
            _entries[key] = update(_entries.TryGetValue(key, out var current) ? current : null);
            _version++;
        }
    }

    /// <summary>Incremented on every change, so heartbeats can skip an unchanged dict.</summary>
    internal long Version
    {
        get
        {
            lock (_entries)
            {
                return _version;
            }
        }
    }

    /// <summary>The whole dict as one tree.</summary>
    /// <returns>An object node.</returns>
    public ConfigNode ToNode()
    {
        lock (_entries)
        {
            var builder = new ConfigObjectBuilder();
            foreach (var (key, value) in _entries)
            {
                builder.Add(key, value);
            }

            return builder.Build();
        }
    }
}
