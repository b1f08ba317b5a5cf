using System.Collections.Generic;

namespace Sacred.Mongo.Documents;

/// <summary>Sacred's <c>meta.config_updates</c>: the command line's updates as a nested object.</summary>
internal static class ConfigUpdates
{
    /// <summary>Each updated key as a dotted path with its value, in document order.</summary>
    public static List<KeyValuePair<string, ConfigNode>> Leaves(ConfigNode updates)
    {
        var leaves = new List<KeyValuePair<string, ConfigNode>>();
        Collect(updates, "", leaves);
        return leaves;
    }

    private static void Collect(ConfigNode node, string prefix, List<KeyValuePair<string, ConfigNode>> leaves)
    {
        if (node.Kind != ConfigNodeKind.Object)
        {
            if (prefix.Length > 0)
            {
                leaves.Add(new(prefix, node));
            }

            return;
        }

        foreach (var (key, value) in node.Members)
        {
            Collect(value, prefix.Length == 0 ? key : prefix + "." + key, leaves);
        }
    }
}
