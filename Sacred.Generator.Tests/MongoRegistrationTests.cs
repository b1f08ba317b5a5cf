using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Sacred.Generator.Tests.Infrastructure;
using Xunit;

namespace Sacred.Generator.Tests;

/// <summary>
/// <c>-m</c> records to MongoDB only when the project references Sacred.Mongo: the generator then hands its factory to
/// the runtime (an override, no reflection, no module initializer); without it <c>-m</c> is one clear line naming the
/// package, exit 1, and nothing runs.
/// </summary>
public sealed class MongoRegistrationTests
{
    private const string Override = "public override global::Sacred.Recording.IMongoObserverFactory? MongoObservers => global::Sacred.Mongo.MongoObserverFactory.Instance;";

    /// <summary>Sacred.Mongo's registration surface; its factory records what it was given and refuses, so nothing runs.</summary>
    private const string FakeSacredMongo = """
        namespace Sacred.Mongo
        {
            public sealed class MongoObserverFactory : global::Sacred.Recording.IMongoObserverFactory
            {
                public static string? LastTarget;

                public static global::Sacred.Recording.IMongoObserverFactory Instance { get; } = new MongoObserverFactory();

                public global::Sacred.Recording.IRunObserver Create(string target, string? storeDirectory, global::System.Action<string> warn)
                {
                    LastTarget = target;
                    throw new global::Sacred.Recording.ObserverUnavailableException("fake factory reached with " + target);
                }
            }
        }
        """;

    private const string Experiment = """
        using Sacred;

        namespace Demo;

        /// <summary>Says hello.</summary>
        [Experiment("hello")]
        public static partial class Hello
        {
            [Main]
            static string Greet()
            {
                System.Console.WriteLine("main ran");
                return "hi";
            }
        }
        """;

    private static readonly Lazy<byte[]> SacredMongo = new(() => GeneratorHarness.CompileLibrary("Sacred.Mongo", FakeSacredMongo));

    private static HarnessResult Generate(params MetadataReference[] libraries) =>
        GeneratorHarness.Run(new[] { (GeneratorHarness.SourcePath, Experiment) }, Array.Empty<(string, string)>(), OutputKind.DynamicallyLinkedLibrary, libraries);

    [Fact]
    public void With_Sacred_Mongo_referenced_the_definition_hands_over_its_factory()
    {
        var result = Generate(MetadataReference.CreateFromImage(SacredMongo.Value));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.OutputProblems);
        Assert.Contains(Override, result.Generated["Demo.Hello.Sacred.g.cs"]);
    }

    [Fact]
    public void Without_Sacred_Mongo_nothing_mentions_it()
    {
        var result = Generate();

        Assert.Empty(result.OutputProblems);
        Assert.All(result.Generated.Values, code => Assert.DoesNotContain("Sacred.Mongo", code));
    }

    [Fact]
    public void Dash_m_reaches_the_referenced_factory_with_the_address_as_given()
    {
        var experiment = new CompiledExperiment(Experiment, new[] { SacredMongo.Value });
        var lastTarget = experiment.LibraryType("Sacred.Mongo", "Sacred.Mongo.MongoObserverFactory").GetField("LastTarget")!;

        var run = experiment.Run("Demo.Hello", "-m", "db1:27017:lab", "--store", System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sacred-mongo-" + Guid.NewGuid().ToString("N")));

        Assert.Equal("db1:27017:lab", lastTarget.GetValue(null));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fake factory reached with db1:27017:lab", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("main ran", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Dash_m_without_Sacred_Mongo_is_one_line_naming_the_package_exit_1_and_nothing_runs()
    {
        var experiment = new CompiledExperiment(Experiment);

        var run = experiment.Run("Demo.Hello", "-m", "mongodb://127.0.0.1:27017/lab");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: -m/--mongo_db 'mongodb://127.0.0.1:27017/lab': recording to MongoDB needs the Sacred.Mongo package", line, StringComparison.Ordinal);
        Assert.DoesNotContain("main ran", run.Stdout, StringComparison.Ordinal);
    }
}
