using System;
using System.Collections.Generic;

namespace Sacred.Configuration;

/// <summary>
/// Which entries of a final config differ from the defaults, as <c>print_config</c> marks them and runs record
/// them. Parents of changed entries count as modified.
/// </summary>
public sealed class ConfigChanges
{
    private readonly HashSet<string> _modified = new(StringComparer.Ordinal);
    private readonly HashSet<string> _added = new(StringComparer.Ordinal);
    private readonly HashSet<string> _typeChanged = new(StringComparer.Ordinal);

    private ConfigChanges()
    {
    }

    /// <summary>No changes.</summary>
    public static ConfigChanges None { get; } = new();

    /// <summary>Dotted keys whose value differs from the default, and the parents of every changed key.</summary>
    public IReadOnlySet<string> Modified => _modified;

    /// <summary>Dotted keys the defaults do not have (only <c>-f/--force</c> lets them in).</summary>
    public IReadOnlySet<string> Added => _added;

    /// <summary>Dotted keys whose value is of another kind than the default's (null on either side excepted).</summary>
    public IReadOnlySet<string> TypeChanged => _typeChanged;

    /// <summary>Compares a final config with the defaults.</summary>
    /// <param name="defaults">The config the defaults give, with the same seed.</param>
    /// <param name="final">The config after all updates.</param>
    /// <returns>The changes.</returns>
    public static ConfigChanges Compute(ConfigNode defaults, ConfigNode final)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(final);
        var changes = new ConfigChanges();
        changes.Walk(defaults, final, "");
        foreach (var key in new List<string>([.. changes._added, .. changes._typeChanged, .. changes._modified]))
        {
            for (var dot = key.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = key.IndexOf('.', dot + 1))
            {
                if (!changes._added.Contains(key[..dot]))
                {
                    changes._modified.Add(key[..dot]);
                }
            }
        }

        return changes;
    }

    private void Walk(ConfigNode? defaults, ConfigNode final, string prefix)
    {
        foreach (var (key, value) in final.Members)
        {
            var path = prefix + key;
            var before = defaults?.Get(key);
            if (before is null)
            {
                MarkAdded(value, path);
            }
            else if (value.Kind == ConfigNodeKind.Object && value.Members.Count > 0 && before.Kind == ConfigNodeKind.Object)
            {
                Walk(before, value, path + ".");
            }
            else if (before.Kind != value.Kind && before.Kind != ConfigNodeKind.Null && value.Kind != ConfigNodeKind.Null)
            {
                _typeChanged.Add(path);
            }
            else if (!before.Equals(value))
            {
                _modified.Add(path);
            }
        }
    }

    private void MarkAdded(ConfigNode value, string path)
    {
        _added.Add(path);
        foreach (var (key, child) in value.Members)
        {
            MarkAdded(child, path + "." + key);
        }
    }
}
