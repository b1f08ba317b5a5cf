using System;
using System.Collections.Generic;
using Sacred.Configuration;

namespace Sacred.Board.Api;

/// <summary>One row of the runs table, as the browser gets it.</summary>
internal sealed record RunRowDto(
    long Id,
    string? CustomId,
    string Experiment,
    string Command,
    string Status,
    DateTime? Queued,
    DateTime? Start,
    DateTime? Stop,
    DateTime? Heartbeat,
    double? DurationMs,
    ConfigNode? Result,
    string? Comment,
    long Seed,
    string? Host,
    IReadOnlyList<string> Tags,
    string? Notes,
    IReadOnlyList<ConfigNode?> Values);

/// <summary>A page of the runs table; the values of each row follow <c>Columns</c>.</summary>
internal sealed record RunPageDto(int Offset, IReadOnlyList<string> Columns, IReadOnlyList<RunRowDto> Rows);

/// <summary>How many runs a query matches.</summary>
internal sealed record RunCountDto(long Count);

/// <summary>A field a query, a sort or a column can name.</summary>
internal sealed record FieldDto(string Path, string Type, string Description);

/// <summary>What the store holds, for autocomplete and the column picker.</summary>
internal sealed record CatalogDto(
    IReadOnlyList<FieldDto> Attributes,
    IReadOnlyList<FieldDto> ConfigKeys,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Experiments,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Statuses);

/// <summary>Values a field takes, for autocomplete.</summary>
internal sealed record ValuesDto(IReadOnlyList<ConfigNode> Values);

/// <summary>A malformed query: where and what would be valid.</summary>
internal sealed record QueryErrorDto(string Message, int Position, int Length, IReadOnlyList<string> Expected);

/// <summary>Any error: one line, and for a query, where.</summary>
internal sealed record ErrorDto(string Error, QueryErrorDto? Query = null, string? Parameter = null);

/// <summary>What the page needs to know about this server.</summary>
internal sealed record SessionDto(bool ReadOnly, string Csrf, string Store, string Version, double DeadAfterSeconds);
