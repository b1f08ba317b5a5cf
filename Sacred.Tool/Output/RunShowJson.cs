using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using Sacred.Storage.Reading;

namespace Sacred.Tool.Output;

/// <summary><c>sacred show ID --json</c>: one run with its config, info, host, git, sources, artifacts, metrics and output tail.</summary>
internal sealed record RunShowJson(
    RunSummaryJson Run,
    ConfigNode Config,
    ConfigNode Info,
    IReadOnlyList<string> Modified,
    RunShowJson.HostJson Host,
    IReadOnlyList<RunShowJson.RepositoryJson> Repositories,
    IReadOnlyList<RunShowJson.SourceJson> Sources,
    IReadOnlyList<RunShowJson.ArtifactJson> Artifacts,
    SortedDictionary<string, MetricSummaryJson> Metrics,
    string OutputTail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FailTrace)
{
    public static RunShowJson From(RunDetail run, string outputTail) => new(
        RunSummaryJson.From(run.Summary),
        run.Config,
        run.Info,
        run.Modifications.Modified,
        new HostJson(run.Host.Hostname, string.Join(" ", run.Host.Os), run.Host.Cpu, run.Host.DotnetVersion, run.Host.Gpus),
        [.. run.Experiment.Repositories.Select(r => new RepositoryJson(r.Url, r.Commit, r.Dirty))],
        [.. run.Experiment.Sources.Select(s => new SourceJson(s.Path, s.Md5))],
        [.. run.Artifacts.Select(a => new ArtifactJson(a.Name, a.Size, a.ContentType, a.Hash))],
        MetricSummaryJson.ByName(run.Metrics),
        outputTail,
        run.FailTrace is { } trace ? string.Concat(trace) : null);

    /// <summary>The machine the run ran on.</summary>
    internal sealed record HostJson(string Hostname, string Os, string? Cpu, string DotnetVersion, ConfigNode? Gpus);

    /// <summary>A git repository the experiment lived in.</summary>
    internal sealed record RepositoryJson(string Url, string Commit, bool Dirty);

    /// <summary>A compiled source file.</summary>
    internal sealed record SourceJson(string Path, string Md5);

    /// <summary>A stored artifact; <c>sha256</c> names its content in the store.</summary>
    internal sealed record ArtifactJson(string Name, long Size, string? ContentType, string Sha256);
}
