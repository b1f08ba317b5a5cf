namespace Sacred.Generator.Emitting;

/// <summary>
/// Every Sacred.Runtime type the generated code names, in one place: the generated-code contract (version
/// <c>KnownTypes.ContractVersion</c>). Moving a type in the runtime is a change to this file alone.
/// </summary>
internal static class RuntimeNames
{
    public const string ConfigAttribute = "global::Sacred.Config";
    public const string Run = "global::Sacred.Run";
    public const string ConfigNode = "global::Sacred.ConfigNode";
    public const string ConfigObjectBuilder = "global::Sacred.Generated.ConfigObjectBuilder";
    public const string ValueParsers = "global::Sacred.Generated.ValueParsers";
    public const string ValueParser = "global::Sacred.Generated.ValueParser";
    public const string UpdateStatus = "global::Sacred.Generated.UpdateStatus";
    public const string ConfigKeyInfo = "global::Sacred.Generated.ConfigKeyInfo";
    public const string CommandInfo = "global::Sacred.Generated.CommandInfo";
    public const string NamedConfigInfo = "global::Sacred.Generated.NamedConfigInfo";
    public const string ExperimentDefinition = "global::Sacred.Generated.ExperimentDefinition";
    public const string ExperimentHost = "global::Sacred.Generated.ExperimentHost";
    public const string ExperimentSources = "global::Sacred.Generated.ExperimentSources";
    public const string SourceFileInfo = "global::Sacred.Generated.SourceFileInfo";
    public const string DependencyInfo = "global::Sacred.Generated.DependencyInfo";
    public const string MongoObserverFactoryContract = "global::Sacred.Recording.IMongoObserverFactory";
    public const string ExperimentBuild = "global::Sacred.Generated.ExperimentBuild";

    /// <summary>The hidden member of <see cref="Run"/> holding the run's generated config state.</summary>
    public const string RunConfigState = "ConfigState";
}
