using System.Collections.Generic;

namespace Sacred.Board.Api;

internal sealed record TagsDto(IReadOnlyList<string> Tags);

internal sealed record NotesDto(string? Notes);

internal sealed record BulkTagsDto(IReadOnlyList<long> Ids, IReadOnlyList<string>? Add, IReadOnlyList<string>? Remove);

internal sealed record RunIdsDto(IReadOnlyList<long> Ids);

internal sealed record BulkTagsResultDto(int Runs, int Removed);
