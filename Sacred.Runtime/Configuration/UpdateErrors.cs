using System.Collections.Generic;
using System.Linq;
using Sacred.Formatting;
using Sacred.Generated;

namespace Sacred.Configuration;

/// <summary>The one-line messages for updates that cannot be applied: what, where, did-you-mean, valid values.</summary>
internal static class UpdateErrors
{
    public static ConfigUpdateException UnknownKey(ConfigUpdate update, ConfigKeySet keys) => new(
        $"unknown config key '{update.Key}' in {update.Origin}{Suggestions.DidYouMean(update.Key, keys.Names)}" +
        " (see print_config for all keys)");

    public static ConfigUpdateException InvalidValue(ConfigUpdate update, ConfigKeyInfo? info) => new(
        $"invalid value '{update.Value}' for '{update.Key}'" +
        (info is null ? "" : $" ({info.TypeName})") +
        $" in {update.Origin}" +
        (info?.AllowedValues is { Count: > 0 } allowed ? $"; valid values: {string.Join(", ", allowed)}" : ""));

    public static ConfigUpdateException Derived(ConfigUpdate update) =>
        new($"'{update.Key}' is derived from other values and cannot be set (in {update.Origin})");

    public static ConfigUpdateException Group(ConfigUpdate update, ConfigKeySet keys) => new(
        $"cannot set '{update.Key}' to '{update.Value}' in {update.Origin}: it holds the config keys " +
        string.Join(", ", keys.MembersOf(update.Key)) +
        $"; set those, or give an object like {update.Key}={{...}}");

    public static ConfigUpdateException UnknownNamedConfig(string name, ConfigKeySet keys, IReadOnlyList<NamedConfigInfo> namedConfigs)
    {
        if (keys.Contains(name))
        {
            return new($"'{name}' is a config key, not a named config; give it a value: {name}=VALUE");
        }

        var names = namedConfigs.Select(n => n.Name).ToList();
        if (names.Count == 0)
        {
            return new($"unknown named config '{name}'; the experiment has no named configs (updates are key=value)");
        }

        var hint = Suggestions.DidYouMean(name, names) is { Length: > 0 } close ? close : ";";
        return new($"unknown named config '{name}'{hint} Named configs: {string.Join(", ", names)}");
    }
}
