using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Logging;
using Sacred.Generated;
using Sacred.Randomness;

namespace Sacred.Configuration;

/// <summary>
/// Builds a run's config with Sacred's precedence (command line &gt; named configs &gt; config files &gt; defaults):
/// defaults and seed, then the <c>key=value</c> updates (JSON files expanded in place), then the named configs
/// in order, then the updates again so that command-line values win.
/// </summary>
public static class ConfigBuilder
{
    /// <summary>Builds the config.</summary>
    /// <typeparam name="TState">The generated config-state type.</typeparam>
    /// <param name="definition">The experiment.</param>
    /// <param name="updates">The UPDATE arguments: <c>key=value</c>, a named config or a <c>.json</c> file.</param>
    /// <param name="force">Accept unknown keys as added entries (<c>-f/--force</c>).</param>
    /// <param name="logger">Receives the "Added new config entry" warnings.</param>
    /// <param name="randomSeed">The seed to use unless updated; null draws one in [1, 1e9].</param>
    /// <returns>The final state, tree and changes.</returns>
    /// <exception cref="ConfigUpdateException">An unknown or derived key, a bad value, an unknown named config or an unreadable file.</exception>
    public static ConfigBuildResult<TState> Build<TState>(
        ExperimentDefinition<TState> definition,
        IReadOnlyList<string> updates,
        bool force = false,
        ILogger? logger = null,
        int? randomSeed = null)
        where TState : class
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(updates);
        var keys = new ConfigKeySet(definition.Keys);
        var (keyUpdates, namedConfigs) = UpdateExpander.Expand(updates, keys, definition.NamedConfigs);
        var seed = randomSeed ?? Random.Shared.Next(1, FunctionSeeds.MaxSeed + 1);

        var state = definition.CreateDefaults();
        definition.SetSeed(state, seed);
        var applied = new List<ConfigUpdate>();
        var added = new List<KeyValuePair<string, ConfigNode>>();
        var derivedFromFiles = new List<ConfigUpdate>();
        foreach (var update in keyUpdates)
        {
            switch (Apply(definition, state, update, keys, force))
            {
                case UpdateStatus.Applied:
                    applied.Add(update);
                    break;
                case UpdateStatus.DerivedKey when update.FromFile:
                    derivedFromFiles.Add(update);
                    break;
                case UpdateStatus.UnknownKey when force:
                    added.Add(new(update.Key, LiteralParser.Parse(update.Value)));
                    logger?.LogWarning("Added new config entry: \"{Key}\"", update.Key);
                    break;
            }
        }

        if (namedConfigs.Count > 0)
        {
            foreach (var name in namedConfigs)
            {
                if (!definition.TryApplyNamedConfig(state, name))
                {
                    throw UpdateErrors.UnknownNamedConfig(name, keys, definition.NamedConfigs);
                }
            }

            foreach (var update in applied)
            {
                Apply(definition, state, update, keys, force);
            }
        }

        var final = definition.ToNode(state);
        foreach (var (key, value) in added)
        {
            final = final.WithValue(key, value);
        }

        CheckDerivedFromFiles(derivedFromFiles, final);
        var defaults = definition.CreateDefaults();
        definition.SetSeed(defaults, seed);
        var finalSeed = final.Get("seed") is { Kind: ConfigNodeKind.Integer } s ? (int)s.IntegerValue : seed;
        return new ConfigBuildResult<TState>(
            state,
            final,
            finalSeed,
            ConfigChanges.Compute(definition.ToNode(defaults), final),
            namedConfigs,
            [.. keyUpdates.Select(u => new KeyValuePair<string, string>(u.Key, u.Value))]);
    }

    private static UpdateStatus Apply<TState>(
        ExperimentDefinition<TState> definition, TState state, ConfigUpdate update, ConfigKeySet keys, bool force)
        where TState : class
    {
        var status = definition.TryApply(state, update.Key, update.Value);
        if (status == UpdateStatus.InvalidValue && QuotedText.TryUnquote(update.Value, out var unquoted))
        {
            // JSON files quote enum names, times and dates; their parsers take the bare text.
            status = definition.TryApply(state, update.Key, unquoted);
        }

        return status switch
        {
            UpdateStatus.InvalidValue => throw UpdateErrors.InvalidValue(update, keys.Find(update.Key)),
            UpdateStatus.DerivedKey when !update.FromFile => throw UpdateErrors.Derived(update),
            UpdateStatus.UnknownKey when keys.IsGroup(update.Key) => throw UpdateErrors.Group(update, keys),
            UpdateStatus.UnknownKey when !force => throw UpdateErrors.UnknownKey(update, keys),
            _ => status,
        };
    }

    /// <summary>
    /// A derived key in an updates file (a saved config.json fed back) is fine when it agrees with the value the
    /// config now derives; otherwise the file asks for something that cannot be set.
    /// </summary>
    private static void CheckDerivedFromFiles(List<ConfigUpdate> updates, ConfigNode final)
    {
        foreach (var update in updates)
        {
            var expected = LiteralParser.Parse(update.Value);
            var actual = final.Get(update.Key);
            if (actual is null || !SameValue(expected, actual))
            {
                throw UpdateErrors.Derived(update);
            }
        }
    }

    private static bool SameValue(ConfigNode a, ConfigNode b) =>
        a.Equals(b) || (IsNumber(a) && IsNumber(b) && AsDouble(a) == AsDouble(b));

    private static bool IsNumber(ConfigNode node) => node.Kind is ConfigNodeKind.Integer or ConfigNodeKind.Float;

    private static double AsDouble(ConfigNode node) => node.Kind == ConfigNodeKind.Integer ? node.IntegerValue : node.FloatValue;
}
