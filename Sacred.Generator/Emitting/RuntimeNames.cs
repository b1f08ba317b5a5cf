namespace Sacred.Generator.Emitting;

/// <summary>
/// Every Sacred.Runtime type the generated code names, in one place: the generated-code contract (version
/// <c>KnownTypes.ContractVersion</c>). Moving a type in the runtime is a change to this file alone.
/// </summary>
internal static class RuntimeNames
{
    public const string ConfigAttribute = "global::Sacred.Config";
    public const string Run = "global::Sacred.Run";
    public const string ConfigNode = "global::Sacred.Configuration.ConfigNode";
    public const string ConfigObjectBuilder = "global::Sacred.Configuration.ConfigObjectBuilder";
    public const string ValueParsers = "global::Sacred.Configuration.ValueParsers";
    public const string UpdateStatus = "global::Sacred.Cli.UpdateStatus";
    public const string ConfigKeyInfo = "global::Sacred.Cli.ConfigKeyInfo";
    public const string CommandInfo = "global::Sacred.Cli.CommandInfo";
    public const string NamedConfigInfo = "global::Sacred.Cli.NamedConfigInfo";
    public const string ExperimentDefinition = "global::Sacred.Cli.ExperimentDefinition";
    public const string ExperimentHost = "global::Sacred.Cli.ExperimentHost";
    public const string ExperimentSources = "global::Sacred.Cli.ExperimentSources";
    public const string SourceFileInfo = "global::Sacred.Cli.SourceFileInfo";
    public const string DependencyInfo = "global::Sacred.Cli.DependencyInfo";

    /// <summary>The hidden member of <see cref="Run"/> holding the run's generated config state.</summary>
    public const string RunConfigState = "ConfigState";
}
