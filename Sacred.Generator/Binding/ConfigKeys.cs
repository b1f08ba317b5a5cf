using System.Collections.Generic;
using Sacred.Generator.Model;

namespace Sacred.Generator.Binding;

/// <summary>Dotted config keys of a schema: listing them (for "did you mean") and resolving one to its members.</summary>
internal static class ConfigKeys
{
    /// <summary>Every key of <paramref name="type"/>, nested records' keys included, each prefixed.</summary>
    public static IEnumerable<string> All(ConfigTypeModel? type, string prefix)
    {
        if (type is null)
        {
            yield break;
        }

        foreach (var member in type.Members)
        {
            yield return prefix + member.Key;
            foreach (var inner in All(member.Type.Record, prefix + member.Key + "."))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The members a dotted key walks through, from the root; null when it names no member.</summary>
    public static IReadOnlyList<ConfigMemberModel>? Resolve(ConfigTypeModel config, string key)
    {
        var path = new List<ConfigMemberModel>();
        ConfigTypeModel? current = config;
        foreach (var segment in key.Split('.'))
        {
            ConfigMemberModel? found = null;
            foreach (var member in current?.Members ?? EquatableArray<ConfigMemberModel>.Empty)
            {
                if (member.Key == segment)
                {
                    found = member;
                    break;
                }
            }

            if (found is null)
            {
                return null;
            }

            path.Add(found);
            current = found.Type.Record;
        }

        return path;
    }
}
