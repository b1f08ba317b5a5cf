using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Sacred.Metrics;

/// <summary>
/// Gives each metric name a small dense id, without locking or allocating once the name has been seen.
/// </summary>
internal sealed class MetricNameTable
{
    // Direct-mapped, keyed by the string's identity: names are nearly always literals (interned, so the same
    // reference every call), and an identity hash plus a reference compare costs ~3 ns where hashing the text
    // in the dictionary costs ~9 ns. An equal string with another identity misses and takes the dictionary.
    private const int RecentSlots = 128;

    private readonly MetricName?[] _recent = new MetricName?[RecentSlots];
    private readonly ConcurrentDictionary<string, MetricName> _byName = new();
    private readonly Lock _addLock = new();
    private string[] _names = new string[16];
    private int _count;

    /// <summary>The name registered under <paramref name="id"/>.</summary>
    /// <remarks>Safe for any id read from a committed point: the id was published before the point.</remarks>
    public string NameOf(int id) => Volatile.Read(ref _names)[id];

    /// <summary>The id of <paramref name="name"/>, registering it the first time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetId(string name)
    {
        MetricName? recent = _recent[RuntimeHelpers.GetHashCode(name) & (RecentSlots - 1)];
        if (recent is not null && ReferenceEquals(recent.Name, name))
        {
            return recent.Id;
        }

        return GetIdSlow(name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int GetIdSlow(string name)
    {
        if (!_byName.TryGetValue(name, out MetricName? entry))
        {
            entry = Add(name);
        }

        // Only the reference the entry was made with is cached; caching others would need an entry per
        // reference, an allocation per call for names built at run time.
        if (ReferenceEquals(entry.Name, name))
        {
            _recent[RuntimeHelpers.GetHashCode(name) & (RecentSlots - 1)] = entry;
        }

        return entry.Id;
    }

    private MetricName Add(string name)
    {
        lock (_addLock)
        {
            if (_byName.TryGetValue(name, out MetricName? existing))
            {
                return existing;
            }

            if (_count > MetricSlot.MaxMetricId)
            {
                throw new InvalidOperationException($"A run can log at most {MetricSlot.MaxMetricId + 1} metric names.");
            }

            string[] names = _names;
            if (_count == names.Length)
            {
                Array.Resize(ref names, names.Length * 2);
            }

            names[_count] = name;
            Volatile.Write(ref _names, names);
            var entry = new MetricName(name, _count);
            _count++;
            _byName[name] = entry;
            return entry;
        }
    }

    private sealed class MetricName(string name, int id)
    {
        public string Name { get; } = name;

        public int Id { get; } = id;
    }
}
