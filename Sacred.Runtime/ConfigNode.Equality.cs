using System;
using System.Collections.Generic;

namespace Sacred;

public sealed partial class ConfigNode
{
    /// <inheritdoc/>
    public bool Equals(ConfigNode? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Kind != Kind)
        {
            return false;
        }

        return Kind switch
        {
            ConfigNodeKind.Null => true,
            ConfigNodeKind.Bool => _bool == other._bool,
            ConfigNodeKind.Integer => _integer == other._integer,
            ConfigNodeKind.Float => _decimal is { } d && other._decimal is { } e ? d == e : _float.Equals(other._float),
            ConfigNodeKind.String => string.Equals(_string, other._string, StringComparison.Ordinal),
            ConfigNodeKind.Timestamp => _timestamp == other._timestamp,
            ConfigNodeKind.List => ItemsEqual(_items!, other._items!),
            _ => MembersEqual(_members!, other._members!),
        };
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ConfigNode);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        switch (Kind)
        {
            case ConfigNodeKind.Bool:
                hash.Add(_bool);
                break;
            case ConfigNodeKind.Integer:
                hash.Add(_integer);
                break;
            case ConfigNodeKind.Float:
                hash.Add(_float);
                break;
            case ConfigNodeKind.String:
                hash.Add(_string, StringComparer.Ordinal);
                break;
            case ConfigNodeKind.Timestamp:
                hash.Add(_timestamp);
                break;
            case ConfigNodeKind.List:
                foreach (var item in _items!)
                {
                    hash.Add(item);
                }

                break;
            case ConfigNodeKind.Object:
                foreach (var member in _members!)
                {
                    hash.Add(member.Key, StringComparer.Ordinal);
                    hash.Add(member.Value);
                }

                break;
        }

        return hash.ToHashCode();
    }

    private static bool ItemsEqual(ConfigNode[] left, ConfigNode[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool MembersEqual(KeyValuePair<string, ConfigNode>[] left, KeyValuePair<string, ConfigNode>[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!string.Equals(left[i].Key, right[i].Key, StringComparison.Ordinal) || !left[i].Value.Equals(right[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
