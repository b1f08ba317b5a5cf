namespace Sacred.Generator.Parsing;

/// <summary>Metadata names of the types the generator recognizes.</summary>
internal static class KnownTypes
{
    public const string Experiment = "Sacred.ExperimentAttribute";
    public const string Ingredient = "Sacred.IngredientAttribute";
    public const string Config = "Sacred.ConfigAttribute";
    public const string ConfigFile = "Sacred.ConfigFileAttribute";
    public const string NamedConfigFile = "Sacred.NamedConfigFileAttribute";
    public const string NamedConfig = "Sacred.NamedConfigAttribute";
    public const string Main = "Sacred.MainAttribute";
    public const string Command = "Sacred.CommandAttribute";
    public const string Captured = "Sacred.CapturedAttribute";
    public const string Key = "Sacred.KeyAttribute";
    public const string Run = "Sacred.Run";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string Logger = "Microsoft.Extensions.Logging.ILogger";
    public const string Random = "System.Random";
    public const string TimeSpan = "System.TimeSpan";
    public const string DateTime = "System.DateTime";
    public const string Uri = "System.Uri";
    public const string Parsable = "System.IParsable`1";
    public const string NumberBase = "System.Numerics.INumberBase`1";
    public const string List = "System.Collections.Generic.List`1";
    public const string IList = "System.Collections.Generic.IList`1";
    public const string IReadOnlyList = "System.Collections.Generic.IReadOnlyList`1";
    public const string Dictionary = "System.Collections.Generic.Dictionary`2";
    public const string IReadOnlyDictionary = "System.Collections.Generic.IReadOnlyDictionary`2";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
    public const string GeneratedCodeContract = "Sacred.Generated.GeneratedCodeContract";

    /// <summary>The <c>GeneratedCodeContract.Version</c> that the code in Emitting/ is written for.</summary>
    public const int ContractVersion = 5;

    public const string TorchSharpAssembly = "TorchSharp";
    public const string Torch = "TorchSharp.torch";

    public const string MongoAssembly = "Sacred.Mongo";
    public const string MongoObserverFactory = "Sacred.Mongo.MongoObserverFactory";
}
