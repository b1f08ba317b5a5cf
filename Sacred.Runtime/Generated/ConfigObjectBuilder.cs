using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>Collects the members of an object <see cref="ConfigNode"/>; used by generated <c>ToNode</c> code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ConfigObjectBuilder
{
    private readonly SortedDictionary<string, ConfigNode> _members = new(StringComparer.Ordinal);

    /// <summary>Adds a member.</summary>
    /// <param name="key">The member's key (one segment, no dots).</param>
    /// <param name="value">The member's value.</param>
    /// <exception cref="ArgumentException">The key was already added.</exception>
    public void Add(string key, ConfigNode value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!_members.TryAdd(key, value))
        {
            throw new ArgumentException($"The config key '{key}' was added twice.", nameof(key));
        }
    }

    /// <summary>Creates the object node; members are kept in ordinal key order.</summary>
    /// <returns>The node.</returns>
    public ConfigNode Build() => ConfigNode.FromSortedMembers([.. _members]);
}
