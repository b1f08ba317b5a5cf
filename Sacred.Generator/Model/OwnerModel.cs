namespace Sacred.Generator.Model;

/// <summary>
/// An experiment or ingredient class as parsed: everything the binding stage and the emitter need, no Roslyn
/// objects and no source positions. <c>MetadataName</c> finds the class again when a diagnostic of the binding
/// stage is reported. <c>SeedsTorch</c>: an experiment whose compilation references TorchSharp, so its runs
/// seed torch's global generator with the run's seed, as Sacred seeds torch (always false for an ingredient).
/// <c>RecordsToMongo</c>: an experiment whose compilation references Sacred.Mongo, so <c>-m</c> records to MongoDB
/// (always false for an ingredient).
/// </summary>
internal sealed record OwnerModel(
    OwnerKind Kind,
    string FilePath,
    string Namespace,
    string ClassName,
    string FullName,
    string MetadataName,
    string Accessibility,
    string Name,
    string? Doc,
    bool AutoMain,
    ConfigTypeModel? Config,
    EquatableArray<ConfigFileReference> ConfigFiles,
    EquatableArray<NamedConfigModel> NamedConfigs,
    EquatableArray<FunctionModel> Functions,
    EquatableArray<IngredientReference> Ingredients,
    bool SeedsTorch,
    bool RecordsToMongo);
