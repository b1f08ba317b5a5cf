using System.Collections.Generic;

namespace Sacred.Host;

/// <summary>The machine a run ran on.</summary>
/// <param name="Hostname">The host name.</param>
/// <param name="Os">Sacred's pair: system (e.g. <c>Linux</c>) and a platform string.</param>
/// <param name="Cpu">The CPU model, when known.</param>
/// <param name="Gpus">From <c>nvidia-smi</c> when present: model and memory per GPU, driver version; null otherwise.</param>
/// <param name="DotnetVersion">The runtime's version, e.g. <c>10.0.1</c>.</param>
/// <param name="Environment">The environment variables the user asked to record.</param>
/// <param name="Extra">Custom host-info entries.</param>
public sealed record HostInfo(
    string Hostname,
    IReadOnlyList<string> Os,
    string? Cpu,
    ConfigNode? Gpus,
    string DotnetVersion,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, ConfigNode> Extra);
