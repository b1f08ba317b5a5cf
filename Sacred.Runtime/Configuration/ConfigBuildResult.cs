using System.Collections.Generic;

namespace Sacred.Configuration;

/// <summary>The outcome of building a run's config from the defaults and the command line.</summary>
/// <typeparam name="TState">The generated config-state type.</typeparam>
/// <param name="State">The typed state, every update applied.</param>
/// <param name="Config">The final config tree, entries added with <c>-f</c> included.</param>
/// <param name="Seed">The root seed: the <c>seed</c> value of <paramref name="Config"/>.</param>
/// <param name="Changes">What differs from the defaults.</param>
/// <param name="NamedConfigs">The named configs applied, in order.</param>
/// <param name="Updates">The <c>key=value</c> updates applied, in order, values as given (Sacred's <c>config_updates</c>).</param>
public sealed record ConfigBuildResult<TState>(
    TState State,
    ConfigNode Config,
    int Seed,
    ConfigChanges Changes,
    IReadOnlyList<string> NamedConfigs,
    IReadOnlyList<KeyValuePair<string, string>> Updates)
    where TState : class;
