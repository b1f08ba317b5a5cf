using System;
using System.Collections.Generic;
using Sacred.Configuration;

namespace Sacred.Board.Api;

/// <summary>Everything a run recorded, for the run page (bulk data comes from its own endpoints).</summary>
internal sealed record RunDetailDto(
    RunRowDto Run,
    ConfigNode Config,
    IReadOnlyList<string> Modified,
    IReadOnlyList<string> Added,
    IReadOnlyList<string> TypeChanged,
    MetaDto Meta,
    HostDto Host,
    ExperimentDto Experiment,
    ConfigNode Info,
    IReadOnlyList<string>? FailTrace,
    IReadOnlyList<ArtifactDto> Artifacts,
    IReadOnlyList<ResourceDto> Resources,
    IReadOnlyList<MetricSummaryDto> Metrics,
    long OutputChars,
    int? ProcessId,
    DateTime? NotesUpdated);

internal sealed record MetaDto(string Command, ConfigNode Options, string? Comment, IReadOnlyList<string> NamedConfigs, ConfigNode ConfigUpdates, double? Priority);

internal sealed record HostDto(string Hostname, IReadOnlyList<string> Os, string? Cpu, ConfigNode? Gpus, string DotnetVersion, IReadOnlyDictionary<string, string> Environment, IReadOnlyDictionary<string, ConfigNode> Extra);

internal sealed record ExperimentDto(string Name, string BaseDirectory, string MainFile, IReadOnlyList<SourceDto> Sources, IReadOnlyList<DependencyDto> Dependencies, IReadOnlyList<RepositoryDto> Repositories);

internal sealed record SourceDto(string Path, string Md5);

internal sealed record DependencyDto(string Name, string Version);

internal sealed record RepositoryDto(string Url, string Commit, bool Dirty);

/// <summary>An artifact; <see cref="Preview"/> says how the page may show it: image, text, json, csv or none.</summary>
internal sealed record ArtifactDto(string Name, long Size, string? ContentType, string Preview, DateTime Added, string Sha256);

internal sealed record ResourceDto(string Path, string Md5);

internal sealed record MetricSummaryDto(string Name, long Count, double? Min, long? MinStep, double? Max, long? MaxStep, double? Last, long LastStep, double? Mean, DateTime FirstTime, DateTime LastTime);

/// <summary>A slice of captured output.</summary>
internal sealed record OutputPageDto(long Offset, string Text, long TotalChars, bool IsEnd, string Status);

internal sealed record OutputMatchDto(long Offset, long Line, string Text);

internal sealed record OutputMatchesDto(IReadOnlyList<OutputMatchDto> Matches, bool Truncated);

/// <summary>A source file's text.</summary>
internal sealed record SourceTextDto(string Path, string Md5, string Text);
