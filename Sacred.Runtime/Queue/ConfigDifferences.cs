using System;
using System.Collections.Generic;

namespace Sacred.Queue;

/// <summary>Where two configs differ, key by key (dotted, at the leaves; a list compares as a whole).</summary>
public static class ConfigDifferences
{
    /// <summary>The dotted keys whose values differ, or that only one of the configs has, in ordinal order.</summary>
    /// <param name="expected">One config.</param>
    /// <param name="actual">The other.</param>
    /// <returns>The keys.</returns>
    public static IReadOnlyList<string> Keys(ConfigNode expected, ConfigNode actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        Compare("", expected, actual, keys);
        return [.. keys];
    }

    private static ConfigNode? Member(ConfigNode node, string name)
    {
        foreach (var member in node.Members)
        {
            if (member.Key == name)
            {
                return member.Value;
            }
        }

        return null;
    }

    private static void Compare(string prefix, ConfigNode expected, ConfigNode actual, SortedSet<string> keys)
    {
        if (expected.Kind != ConfigNodeKind.Object || actual.Kind != ConfigNodeKind.Object)
        {
            if (!expected.Equals(actual))
            {
                keys.Add(prefix);
            }

            return;
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var member in expected.Members)
        {
            names.Add(member.Key);
        }

        foreach (var member in actual.Members)
        {
            names.Add(member.Key);
        }

        foreach (var name in names)
        {
            var key = prefix.Length == 0 ? name : prefix + "." + name;
            var left = Member(expected, name);
            var right = Member(actual, name);
            if (left is null || right is null)
            {
                keys.Add(key);
            }
            else
            {
                Compare(key, left, right, keys);
            }
        }
    }
}
