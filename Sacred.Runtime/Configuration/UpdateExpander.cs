using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Generated;

namespace Sacred.Configuration;

/// <summary>
/// Sorts the UPDATE arguments into <c>key=value</c> updates (JSON files and object values expanded in place) and
/// named configs, as Sacred reads them: a <c>.json</c> path that exists is a file, even when a named config has
/// the same name.
/// </summary>
internal static class UpdateExpander
{
    public static (List<ConfigUpdate> Updates, List<string> NamedConfigs) Expand(
        IReadOnlyList<string> tokens, ConfigKeySet keys, IReadOnlyList<NamedConfigInfo> namedConfigs)
    {
        var updates = new List<ConfigUpdate>();
        var names = new List<string>();
        foreach (var token in tokens)
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                var key = token[..equals].Trim();
                if (key.Length == 0)
                {
                    throw new ConfigUpdateException($"invalid update '{token}': the key before '=' is missing");
                }

                AddKeyValue(keys, key, token[(equals + 1)..].Trim(), $"'{token}'", updates);
            }
            else if (IsJsonPath(token) && File.Exists(token))
            {
                updates.AddRange(UpdatesFile.Read(token));
            }
            else if (namedConfigs.Any(n => n.Name == token))
            {
                names.Add(token);
            }
            else if (IsJsonPath(token))
            {
                updates.AddRange(UpdatesFile.Read(token));
            }
            else
            {
                throw UpdateErrors.UnknownNamedConfig(token, keys, namedConfigs);
            }
        }

        return (updates, names);
    }

    private static bool IsJsonPath(string token) => token.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>An object value for a group of keys (<c>model={"depth": 3}</c>) is flattened to dotted keys.</summary>
    private static void AddKeyValue(ConfigKeySet keys, string key, string value, string origin, List<ConfigUpdate> updates)
    {
        if (!keys.Contains(key) && value.StartsWith('{') && keys.IsGroup(key)
            && LiteralParser.Parse(value) is { Kind: ConfigNodeKind.Object } tree)
        {
            foreach (var (path, leaf) in Leaves(tree, key + "."))
            {
                updates.Add(new ConfigUpdate(path, leaf.ToJson(indented: false), origin, FromFile: false));
            }

            return;
        }

        updates.Add(new ConfigUpdate(key, value, origin, FromFile: false));
    }

    private static IEnumerable<(string Path, ConfigNode Leaf)> Leaves(ConfigNode tree, string prefix)
    {
        foreach (var (key, value) in tree.Members)
        {
            if (value.Kind == ConfigNodeKind.Object)
            {
                foreach (var leaf in Leaves(value, prefix + key + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (prefix + key, value);
            }
        }
    }
}
