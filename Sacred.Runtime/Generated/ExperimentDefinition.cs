using System.Collections.Generic;
using System.ComponentModel;

namespace Sacred.Generated;

/// <summary>
/// What the source generator knows about one experiment, in the shape the runtime's command line needs.
/// Generated code derives from this class; user code never does. <typeparamref name="TState"/> is the generated,
/// mutable holder of the typed configs (the experiment's, its ingredients' and the seed).
/// </summary>
/// <typeparam name="TState">The generated config-state type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ExperimentDefinition<TState>
    where TState : class
{
    /// <summary>The experiment name recorded with every run.</summary>
    public abstract string Name { get; }

    /// <summary>The experiment's description (its XML summary), shown by <c>--help</c>.</summary>
    public abstract string? Description { get; }

    /// <summary>Every config key, ingredient keys prefixed, <c>seed</c> included, ordinal order.</summary>
    public abstract IReadOnlyList<ConfigKeyInfo> Keys { get; }

    /// <summary>The main function (if any) and every command, ingredient commands prefixed.</summary>
    public abstract IReadOnlyList<CommandInfo> Commands { get; }

    /// <summary>Every named config, ingredient ones prefixed.</summary>
    public abstract IReadOnlyList<NamedConfigInfo> NamedConfigs { get; }

    /// <summary>The compiled sources and the compilation's references, known at compile time.</summary>
    public abstract ExperimentSources Sources { get; }

    /// <summary>
    /// Makes the <c>-m</c> observer: null unless the project references Sacred.Mongo, when the generator overrides
    /// this (so <c>-m</c> without it is one clear error, and nothing runs).
    /// </summary>
    public virtual Recording.IMongoObserverFactory? MongoObservers => null;

    /// <summary>A new state holding the defaults with the compile-time config files applied.</summary>
    public abstract TState CreateDefaults();

    /// <summary>Parses <paramref name="value"/> by the key's compile-time type and stores it.</summary>
    public abstract UpdateStatus TryApply(TState state, string key, string value);

    /// <summary>Applies the named config <paramref name="name"/>; false when no such named config exists.</summary>
    public abstract bool TryApplyNamedConfig(TState state, string name);

    /// <summary>The whole config as a tree: settable and derived values, ingredients and <c>seed</c>.</summary>
    public abstract ConfigNode ToNode(TState state);

    /// <summary>Sets the root seed.</summary>
    public abstract void SetSeed(TState state, int seed);

    /// <summary>
    /// Runs the command named <paramref name="command"/> (a <see cref="CommandInfo.Name"/>) with parameters
    /// injected from <paramref name="state"/>, and returns its result as a tree (null for a void command).
    /// </summary>
    public abstract ConfigNode? Invoke(string command, TState state, Run run);
}
