using System;
using System.Collections.Generic;
using System.Linq;
using Sacred.Generated;

namespace Sacred.Configuration;

/// <summary>The experiment's config keys, looked up by dotted name and by group prefix.</summary>
internal sealed class ConfigKeySet(IReadOnlyList<ConfigKeyInfo> keys)
{
    private readonly Dictionary<string, ConfigKeyInfo> _keys = keys.ToDictionary(k => k.Key, StringComparer.Ordinal);

    public IEnumerable<string> Names => _keys.Keys;

    public ConfigKeyInfo? Find(string key) => _keys.GetValueOrDefault(key);

    public bool Contains(string key) => _keys.ContainsKey(key);

    /// <summary>True when <paramref name="key"/> is the prefix of other keys, as <c>model</c> is of <c>model.depth</c>.</summary>
    public bool IsGroup(string key) => MembersOf(key).Any();

    public IEnumerable<string> MembersOf(string group) =>
        _keys.Keys.Where(k => k.StartsWith(group + ".", StringComparison.Ordinal));
}
