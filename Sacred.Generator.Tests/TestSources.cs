namespace Sacred.Generator.Tests;

/// <summary>Experiments used across tests.</summary>
internal static class TestSources
{
    /// <summary>Every supported config type, a nested record, a derived key, named configs, commands and a captured function.</summary>
    public const string Full = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;
        using Sacred;

        namespace Demo;

        public enum Optimizer { Adam, Sgd }

        /// <summary>Trains a small model on synthetic data.</summary>
        [Experiment("mnist")]
        [ConfigFile("default.json")]
        public static partial class Mnist
        {
            [Config]
            public sealed partial record Config
            {
                /// <summary>Optimizer step size.</summary>
                [Key("lr")]
                public double LearningRate { get; init; } = 1e-3;
                public int BatchSize { get; init; } = 32;
                public long Budget { get; init; } = 10_000_000_000;
                public float Momentum { get; init; } = 0.9f;
                public decimal Price { get; init; } = 1.5m;
                public bool Shuffle { get; init; } = true;
                public string Name { get; init; } = "run";
                public string? Note { get; init; }
                public Optimizer Optimizer { get; init; } = Optimizer.Adam;
                public int? Limit { get; init; }
                public List<int> Layers { get; init; } = new() { 64, 32 };
                public double[] Dropouts { get; init; } = new[] { 0.1, 0.2 };
                public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
                public DateTime Deadline { get; init; } = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                public ModelConfig Model { get; init; } = new();
                /// <summary>Passes over the data.</summary>
                public int Epochs => (int)(1000 / BatchSize);
            }

            [Config]
            public sealed partial record ModelConfig
            {
                /// <summary>Hidden layers.</summary>
                public int Depth { get; init; } = 2;
                public int Width { get; init; } = 64;
            }

            [NamedConfig("Few steps, for smoke tests")]
            static Config Fast(Config c) => c with { BatchSize = 8, Model = c.Model with { Depth = 1 } };

            [Main]
            static double Train(double lr, ModelConfig model, int epochs, Run run, CancellationToken ct, ILogger logger, Random rnd, int seed)
            {
                Console.WriteLine($"lr={lr} depth={model.Depth} epochs={epochs} seed={seed} net={BuildNet().Depth} draw={rnd.Next(1000000)}");
                return lr * 2;
            }

            /// <summary>Evaluates a checkpoint.</summary>
            [Command]
            static async Task<string> Evaluate(string name, Optimizer optimizer)
            {
                await Task.Yield();
                return name + ":" + optimizer;
            }

            [Command("Prints every value")]
            static void Dump(long budget, float momentum, decimal price, bool shuffle, string? note, int? limit, List<int> layers, double[] dropouts, TimeSpan timeout, DateTime deadline)
            {
                Console.WriteLine(string.Join("|", budget, momentum, price, shuffle, note ?? "<null>", limit?.ToString() ?? "<null>", string.Join(",", layers), string.Join(",", dropouts), timeout, deadline.ToString("O")));
            }

            [Captured(Prefix = "model")]
            static Net BuildNet(int depth, int width, Random rnd) => new(depth, width);
        }

        public sealed record Net(int Depth, int Width);
        """;

    public const string FullDefaults = """
        {
          "batch_size": 16,
          "model": { "width": 128 }
        }
        """;

    /// <summary>A small experiment with an ingredient.</summary>
    public const string WithIngredient = """
        using System;
        using Sacred;

        namespace Demo;

        /// <summary>Loads the data.</summary>
        [Ingredient("dataset")]
        public static partial class Dataset
        {
            [Config]
            public sealed partial record Config
            {
                /// <summary>Where the data lives.</summary>
                public string Path { get; init; } = "data.csv";
                public int Rows { get; init; } = 100;
            }

            [NamedConfig]
            static Config Small(Config c) => c with { Rows = 10 };

            /// <summary>Prints statistics.</summary>
            [Command]
            static int Stats(string path, int rows)
            {
                Console.WriteLine($"{path}: {rows} rows");
                return rows;
            }

            [Captured]
            public static string Describe(string path, int rows) => path + "#" + rows;
        }

        [Experiment("pipeline", Ingredients = new[] { typeof(Dataset) })]
        public static partial class Pipeline
        {
            [Config]
            public sealed partial record Config
            {
                public int Steps { get; init; } = 3;
            }

            [Main]
            static string Main(int steps) => Dataset.Describe() + "x" + steps;
        }
        """;

    /// <summary>No [Config] record: the schema comes from the first config file.</summary>
    public const string JsonSchema = """
        using System;
        using Sacred;

        namespace Demo;

        [Experiment("jsonic")]
        [ConfigFile("defaults.json")]
        [ConfigFile("override.json")]
        [NamedConfigFile("named/big.json", Doc = "A bigger model")]
        public static partial class Jsonic
        {
            [NamedConfig]
            static Config Quick(Config c) => c with { Epochs = 1 };

            [Main]
            static double Main(double learningRate, int epochs, ModelConfig model, string name, System.Collections.Generic.List<int> layers, long big)
            {
                Console.WriteLine($"lr={learningRate} epochs={epochs} depth={model.Depth} name={name} layers={string.Join(",", layers)} big={big}");
                return learningRate;
            }
        }
        """;

    public const string JsonSchemaDefaults = """
        {
          "learning_rate": 0.1,
          "epochs": 10,
          "name": "baseline",
          "layers": [64, 32],
          "big": 10000000000,
          "model": { "depth": 2, "dropout": 0.5 }
        }
        """;

    public const string JsonSchemaOverride = """{ "epochs": 20 }""";

    public const string JsonSchemaBig = """{ "model": { "depth": 8 } }""";
}
