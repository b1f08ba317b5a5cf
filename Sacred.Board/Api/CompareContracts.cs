using System;
using System.Collections.Generic;
using Sacred.Configuration;

namespace Sacred.Board.Api;

/// <summary>
/// N runs compared, in one response: every section lists values per run (in the order of <see cref="Runs"/>) and
/// says how each row changes from the first run, the baseline.
/// </summary>
internal sealed record CompareDto(
    IReadOnlyList<CompareRunDto> Runs,
    IReadOnlyList<CompareConfigRowDto> Config,
    IReadOnlyList<CompareFileDto> Sources,
    IReadOnlyList<CompareRowDto> Dependencies,
    IReadOnlyList<CompareRowDto> Git,
    IReadOnlyList<CompareRowDto> Host,
    IReadOnlyList<CompareRowDto> Artifacts,
    IReadOnlyList<CompareMetricDto> Metrics,
    IReadOnlyList<TextDiffDto> Output);

/// <summary>A compared run, as the column heads show it.</summary>
internal sealed record CompareRunDto(long Id, string? CustomId, string Experiment, string Status, DateTime? Start, double? DurationMs, ConfigNode? Result, long OutputChars);

/// <summary>A flattened config key; <see cref="Values"/> has null where a run lacks the key.</summary>
internal sealed record CompareConfigRowDto(string Key, IReadOnlyList<ConfigNode?> Values, bool Differs);

/// <summary>
/// A row of text values (a dependency's version, a repository's commit, a host fact, an artifact's hash); null
/// where a run has none. <see cref="Change"/> is same, changed, added (not in the baseline) or removed (only there).
/// </summary>
internal sealed record CompareRowDto(string Name, IReadOnlyList<string?> Values, string Change);

/// <summary>A source file: its md5 in each run (null: not recorded) and a line diff of each run that differs from the baseline.</summary>
internal sealed record CompareFileDto(string Path, IReadOnlyList<string?> Md5s, string Change, IReadOnlyList<TextDiffDto> Diffs);

/// <summary>A metric and which runs logged it.</summary>
internal sealed record CompareMetricDto(string Name, IReadOnlyList<bool> Logged);

/// <summary>
/// The baseline's text against run <see cref="Run"/>'s: changed lines with three lines of context; kind is
/// " " (equal), "+", "-" or "…" (unchanged lines left out). <see cref="Truncated"/>: only the first part was compared.
/// </summary>
internal sealed record TextDiffDto(long Run, bool Identical, int Added, int Removed, bool Truncated, string? Note, IReadOnlyList<DiffLineDto> Lines);

/// <summary>One line of a diff.</summary>
internal sealed record DiffLineDto(string Kind, int? Old, int? New, string Text);
