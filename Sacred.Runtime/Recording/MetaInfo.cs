using System.Collections.Generic;

namespace Sacred.Recording;

/// <summary>Sacred's <c>meta</c>: how the run was asked for.</summary>
/// <param name="Command">The command as invoked.</param>
/// <param name="Options">Sacred's <c>meta.options</c> dict (every flag, <c>UPDATE</c>, <c>COMMAND</c>, ...).</param>
/// <param name="Comment">The <c>-c</c> comment.</param>
/// <param name="NamedConfigs">Named configs in the order given.</param>
/// <param name="ConfigUpdates">The command-line updates as given (an object tree), without named-config values.</param>
/// <param name="Priority">The <c>-P</c> priority.</param>
public sealed record MetaInfo(
    string Command,
    ConfigNode Options,
    string? Comment,
    IReadOnlyList<string> NamedConfigs,
    ConfigNode ConfigUpdates,
    double? Priority)
{
    /// <summary>
    /// The run this one re-runs (<c>sacred rerun ID</c>, which sets <c>SACRED_RERUN_OF</c> for the rebuilt
    /// experiment); null for an ordinary run. Recorded as <c>meta.rerun_of</c>.
    /// </summary>
    public string? RerunOf { get; init; }

    /// <summary>
    /// The JSON files of updates given after <c>with</c> (<c>with tweak.json</c>), each as given on the command line
    /// and with its text as read, so <c>sacred rerun</c> can put them back; recorded as <c>meta.config_files</c>
    /// (<c>[[path, text]]</c>) only when there are any.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ConfigFiles { get; init; } = [];
}
