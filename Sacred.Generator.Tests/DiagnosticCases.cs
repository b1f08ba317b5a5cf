using System.Collections.Generic;

namespace Sacred.Generator.Tests;

/// <summary>One failing case and its fixed twin per diagnostic id.</summary>
internal static class DiagnosticCases
{
    private const string Usings = "using System; using System.Collections.Generic; using Sacred;\nnamespace Demo;\n";

    private const string Schema = """
        [Config]
        public sealed partial record Config
        {
            public double LearningRate { get; init; } = 0.1;
            public int BatchSize { get; init; } = 32;
            public ModelConfig Model { get; init; } = new();
            public int Epochs => 1000 / BatchSize;
        }

        [Config]
        public sealed partial record ModelConfig
        {
            public int Depth { get; init; } = 2;
        }
        """;

    /// <summary>A stand-in Sacred.Runtime with the attributes the cases use and, when given, a contract version.</summary>
    private static string RuntimeStub(string? contract) => """
        namespace Sacred
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class ExperimentAttribute : System.Attribute
            {
                public ExperimentAttribute(string? name = null) { }
                public bool AutoMain { get; set; }
                public System.Type[]? Ingredients { get; set; }
            }

            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class MainAttribute : System.Attribute { }
        }
        """ + contract;

    private static readonly (string, string)[] NoFiles = System.Array.Empty<(string, string)>();

    public static IEnumerable<DiagnosticCase> All()
    {
        yield return new DiagnosticCase(
            "SACRED001",
            Usings + "[Experiment] public static class Exp { [Main] static void Go() { } }",
            NoFiles,
            "Exp",
            "'Exp' must be declared partial so the generator can add to it",
            Usings + "[Experiment] public static partial class Exp { [Main] static void Go() { } }",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED002",
            Usings + "[Experiment, ConfigFile(\"exp.json\")] public static partial class Exp {\n" + Schema + "\n}",
            new[] { ("/src/exp.json", "{\n  \"learning_rte\": 0.5\n}") },
            "\"learning_rte\"",
            "Unknown config key 'learning_rte' in 'exp.json'; did you mean 'learning_rate'?",
            Usings + "[Experiment, ConfigFile(\"exp.json\")] public static partial class Exp {\n" + Schema + "\n}",
            new[] { ("/src/exp.json", "{\n  \"learning_rate\": 0.5\n}") });

        yield return new DiagnosticCase(
            "SACRED003",
            Usings + "[Experiment, ConfigFile(\"exp.json\")] public static partial class Exp {\n" + Schema + "\n}",
            new[] { ("/src/exp.json", "{ \"model\": { \"depth\": 2.5 } }") },
            "2.5",
            "Value 2.5 for key 'model.depth' in 'exp.json' does not fit type 'int'",
            Usings + "[Experiment, ConfigFile(\"exp.json\")] public static partial class Exp {\n" + Schema + "\n}",
            new[] { ("/src/exp.json", "{ \"model\": { \"depth\": 3 } }") });

        yield return new DiagnosticCase(
            "SACRED004",
            Usings + "[Experiment, ConfigFile(\"exp.json\")] public static partial class Exp {\n" + Schema + "\n}",
            new[] { ("/src/exp.json", "{\n  \"batch_size\": 8\n  \"learning_rate\": 0.5\n}") },
            string.Empty,
            "'exp.json' is not valid JSON: expected ',' or '}' after a property value (line 3, column 3)",
            Usings + "[Experiment, ConfigFile(\"exp.json\")] public static partial class Exp {\n" + Schema + "\n}",
            new[] { ("/src/exp.json", "{\n  \"batch_size\": 8,\n  \"learning_rate\": 0.5\n}") });

        yield return new DiagnosticCase(
            "SACRED005",
            Usings + "[Experiment, ConfigFile(\"missing.json\")] public static partial class Exp {\n" + Schema + "\n}",
            NoFiles,
            "\"missing.json\"",
            "Config file 'missing.json' is not among the project's AdditionalFiles; add <AdditionalFiles Include=\"missing.json\" /> to the project",
            Usings + "[Experiment, ConfigFile(\"missing.json\")] public static partial class Exp {\n" + Schema + "\n}",
            new[] { ("/src/missing.json", "{}") });

        yield return new DiagnosticCase(
            "SACRED006",
            Usings + "[Experiment] public static partial class Exp {\n" + Schema + "\n[Main] static void Train(double learningRat) { } }",
            NoFiles,
            "learningRat",
            "Parameter 'learningRat' of 'Train' matches no config key ('learning_rat'); did you mean 'learning_rate'?",
            Usings + "[Experiment] public static partial class Exp {\n" + Schema + "\n[Main] static void Train(double learningRate) { } }",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED007",
            Usings + "[Experiment] public static partial class Exp {\n" + Schema + "\n[Main] static void Train(int learningRate) { } }",
            NoFiles,
            "learningRate",
            "Parameter 'learningRate' of 'Train' has type 'int', but config key 'learning_rate' has type 'double'",
            Usings + "[Experiment] public static partial class Exp {\n" + Schema + "\n[Main] static void Train(double learningRate) { } }",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED008",
            Usings + "[Experiment] public static partial class Exp {\n[Config] public sealed partial record Config { public System.IO.FileInfo Checkpoint { get; init; } = new(\"model.pt\"); }\n}",
            NoFiles,
            "System.IO.FileInfo",
            "Config member 'checkpoint' has type 'FileInfo', which the command line cannot parse; use bool, int, long, float, double, decimal, string, an enum, TimeSpan, DateTime, Uri, a type T with a static TryParse(string, IFormatProvider?, out T) (IParsable<T>: Guid, DateOnly, TimeOnly, Half, byte, your own), a nullable of these, a List<T>, IList<T>, IReadOnlyList<T> or array of these or of records with a parameterless constructor, a Dictionary<string, T> or IReadOnlyDictionary<string, T> of these, of such records or of such lists, or a record",
            Usings + "[Experiment] public static partial class Exp {\n[Config] public sealed partial record Config { public string Checkpoint { get; init; } = \"model.pt\"; }\n}",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED009",
            Usings + "[Experiment] public static partial class Exp {\n[Config] public sealed partial record Config { public double Lr { get; init; } [Key(\"lr\")] public double LearningRate { get; init; } }\n}",
            NoFiles,
            "\"lr\"",
            "Config key 'lr' is used by both 'Config.Lr' and 'Config.LearningRate'",
            Usings + "[Experiment] public static partial class Exp {\n[Config] public sealed partial record Config { public double Lr { get; init; } [Key(\"rate\")] public double LearningRate { get; init; } }\n}",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED010",
            Usings + "[Experiment, ConfigFile(\"exp.json\")] public static partial class Exp {\n" + Schema + "\n}",
            new[] { ("/src/exp.json", "{ \"epochs\": 3 }") },
            "\"epochs\"",
            "Config key 'epochs' in 'exp.json' is derived from other values and cannot be set",
            Usings + "[Experiment, ConfigFile(\"exp.json\")] public static partial class Exp {\n" + Schema + "\n}",
            new[] { ("/src/exp.json", "{ \"batch_size\": 333 }") });

        yield return new DiagnosticCase(
            "SACRED011",
            Usings + "[Experiment] public static partial class Exp {\n" + Schema + "\n[NamedConfig] static Config Fast(Config c, int x) => c; }",
            NoFiles,
            "Fast",
            "Named config 'Fast' must be 'static Config Fast(Config c)'",
            Usings + "[Experiment] public static partial class Exp {\n" + Schema + "\n[NamedConfig] static Config Fast(Config c) => c; }",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED012",
            Usings + "[Experiment] public static partial class Exp { [Main] static void A() { } [Main] static void B() { } }",
            NoFiles,
            "B",
            "'B' is a second [Main] function; an experiment has at most one",
            Usings + "[Experiment] public static partial class Exp { [Main] static void A() { } [Command] static void B() { } }",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED013",
            Usings + "[Experiment] public static partial class Exp { [Config] public sealed partial class Config { public int A { get; init; } } }",
            NoFiles,
            "Config",
            "Config type 'Config' must be a partial record so values can be updated with 'with' expressions",
            Usings + "[Experiment] public static partial class Exp { [Config] public sealed partial record Config { public int A { get; init; } } }",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED014",
            Usings + "public static class Data { }\n[Experiment(Ingredients = new[] { typeof(Data) })] public static partial class Exp { }",
            NoFiles,
            "typeof(Data)",
            "'Data' is listed as an ingredient but has no [Ingredient] attribute",
            Usings + "[Ingredient(\"data\")] public static partial class Data { }\n[Experiment(Ingredients = new[] { typeof(Data) })] public static partial class Exp { }",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED015",
            Usings + "[Experiment] public static partial class Exp { [Command] static void Stats() { } [Command(Name = \"stats\")] static void Other() { } }",
            NoFiles,
            "Other",
            "Command 'stats' is defined more than once",
            Usings + "[Experiment] public static partial class Exp { [Command] static void Stats() { } [Command(Name = \"other\")] static void Other() { } }",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED016",
            Usings + "[Experiment] public partial class Exp { [Main] void Go() { } }",
            NoFiles,
            "Go",
            "'Go' must be a static, non-generic method to be a main function",
            Usings + "[Experiment] public partial class Exp { [Main] static void Go() { } }",
            NoFiles);

        yield return new DiagnosticCase(
            "SACRED017",
            Usings + "[Experiment(\"exp\")] public static partial class Exp { [Main] static void Go() { } }",
            NoFiles,
            "Experiment",
            "The referenced Sacred.Runtime implements generated-code contract version 2, but this Sacred.Generator writes code for generated-code contract version 5; reference a Sacred.Runtime and a Sacred.Generator of the same release",
            Usings + "[Experiment(\"exp\")] public static partial class Exp { [Main] static void Go() { } }",
            NoFiles,
            RuntimeStub("namespace Sacred.Generated { public static class GeneratedCodeContract { public const int Version = 2; } }"),
            "older runtime");

        yield return new DiagnosticCase(
            "SACRED017",
            Usings + "[Experiment(\"exp\")] public static partial class Exp { [Main] static void Go() { } }",
            NoFiles,
            "Experiment",
            "The referenced Sacred.Runtime implements no generated-code contract (it lacks Sacred.Generated.GeneratedCodeContract), but this Sacred.Generator writes code for generated-code contract version 5; reference a Sacred.Runtime and a Sacred.Generator of the same release",
            Usings + "[Experiment(\"exp\")] public static partial class Exp { [Main] static void Go() { } }",
            NoFiles,
            RuntimeStub(null),
            "runtime without the contract");
    }
}
