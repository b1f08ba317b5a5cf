using System.Text.Json.Serialization;
using Sacred.Storage.Curation;

namespace Sacred.Board.Api;

/// <summary>Every type the board reads or writes as JSON, serialized by generated code (no reflection, AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(ConfigNodeJsonConverter)])]
[JsonSerializable(typeof(RunPageDto))]
[JsonSerializable(typeof(RunCountDto))]
[JsonSerializable(typeof(CatalogDto))]
[JsonSerializable(typeof(ValuesDto))]
[JsonSerializable(typeof(ErrorDto))]
[JsonSerializable(typeof(SessionDto))]
[JsonSerializable(typeof(BoardSourceDto))]
[JsonSerializable(typeof(RunDetailDto))]
[JsonSerializable(typeof(ChartSeriesDto))]
[JsonSerializable(typeof(ChartRunsDto))]
[JsonSerializable(typeof(ChartTableDto))]
[JsonSerializable(typeof(OutputPageDto))]
[JsonSerializable(typeof(OutputMatchesDto))]
[JsonSerializable(typeof(SourceTextDto))]
[JsonSerializable(typeof(TagsDto))]
[JsonSerializable(typeof(NotesDto))]
[JsonSerializable(typeof(BulkTagsDto))]
[JsonSerializable(typeof(BulkTagsResultDto))]
[JsonSerializable(typeof(RunIdsDto))]
[JsonSerializable(typeof(DeletionPlan))]
[JsonSerializable(typeof(DeletionResult))]
[JsonSerializable(typeof(CompareDto))]
[JsonSerializable(typeof(RunChangesDto))]
[JsonSerializable(typeof(TensorBoardDto))]
internal sealed partial class BoardJsonContext : JsonSerializerContext;
