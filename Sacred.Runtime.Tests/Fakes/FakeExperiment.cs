using System;
using System.Collections.Generic;
using Sacred.Generated;

namespace Sacred.Runtime.Tests.Fakes;

/// <summary>A hand-written stand-in for the code the generator emits for a small experiment.</summary>
public sealed class FakeExperiment : ExperimentDefinition<FakeState>
{
    public Dictionary<string, Func<FakeState, Run, ConfigNode?>> Handlers { get; } = new(StringComparer.Ordinal)
    {
        ["train"] = (state, run) => ConfigNode.From(state.LearningRate * state.BatchSize),
        ["evaluate"] = (state, run) => null,
        ["dataset.stats"] = (state, run) => ConfigNode.From("stats"),
    };

    public string BaseDirectory { get; set; } = "/nonexistent/sacred-test";

    public List<CommandInfo> CommandList { get; } =
    [
        new("train", "Trains the model.\nLonger description.", "static double Train(double learningRate, int batchSize)", IsMain: true),
        new("evaluate", "Evaluates a checkpoint.", "static void Evaluate(string checkpoint)", IsMain: false),
        new("dataset.stats", null, "static string Stats()", IsMain: false),
    ];

    public List<NamedConfigInfo> NamedConfigList { get; } =
    [
        new("fast", "Few steps, for smoke tests"),
        new("full", null),
    ];

    public override string Name => "mnist";

    public override string? Description => "Trains a small MLP on synthetic data.";

    public override IReadOnlyList<ConfigKeyInfo> Keys { get; } =
    [
        new("batch_size", "int", "Examples per step.", IsDerived: false),
        new("epochs", "int", "Passes over the data.", IsDerived: true),
        new("layers", "List<int>", null, IsDerived: false),
        new("learning_rate", "double", "Optimizer step size.", IsDerived: false),
        new("model.depth", "int", "Number of hidden layers.", IsDerived: false),
        new("model.width", "int", null, IsDerived: false),
        new("optimizer", "Optimizer", "The optimizer.", IsDerived: false, AllowedValues: ["adam", "sgd"]),
        new("seed", "int", null, IsDerived: false),
        new("tag", "string?", "A tag with a rather long documentation text.", IsDerived: false),
        new("timeout", "TimeSpan", null, IsDerived: false),
    ];

    public override IReadOnlyList<CommandInfo> Commands => CommandList;

    public override IReadOnlyList<NamedConfigInfo> NamedConfigs => NamedConfigList;

    public override ExperimentSources Sources => new(
        BaseDirectory,
        "Mnist.cs",
        [new("Mnist.cs", "0123456789abcdef0123456789abcdef", "// Mnist.cs"), new("Model/Net.cs", "fedcba9876543210fedcba9876543210", "// Net.cs")],
        [new("Sacred.Runtime", "1.0.0"), new("TorchSharp", "0.107.0")]);

    public override FakeState CreateDefaults() => new();

    public override void SetSeed(FakeState state, int seed) => state.Seed = seed;

    public override UpdateStatus TryApply(FakeState state, string key, string value)
    {
        switch (key)
        {
            case "batch_size":
                return Store(ValueParsers.TryParseInt32(value, out var batch), () => state.BatchSize = batch);
            case "epochs":
                return UpdateStatus.DerivedKey;
            case "layers":
                return Store(ValueParsers.TryParseList<int>(value, ValueParsers.TryParseInt32, out var layers), () => state.Layers = layers);
            case "learning_rate":
                return Store(ValueParsers.TryParseDouble(value, out var rate), () => state.LearningRate = rate);
            case "model.depth":
                return Store(ValueParsers.TryParseInt32(value, out var depth), () => state.ModelDepth = depth);
            case "model.width":
                return Store(ValueParsers.TryParseInt32(value, out var width), () => state.ModelWidth = width);
            case "optimizer":
                var name = value.Trim().ToLowerInvariant();
                return Store(name is "adam" or "sgd", () => state.Optimizer = name == "adam" ? Optimizer.Adam : Optimizer.Sgd);
            case "seed":
                return Store(ValueParsers.TryParseInt32(value, out var seed), () => state.Seed = seed);
            case "tag":
                if (ValueParsers.IsNull(value))
                {
                    state.Tag = null;
                    return UpdateStatus.Applied;
                }

                return Store(ValueParsers.TryParseString(value, out var tag), () => state.Tag = tag);
            case "timeout":
                return Store(ValueParsers.TryParseTimeSpan(value, out var timeout), () => state.Timeout = timeout);
            default:
                return UpdateStatus.UnknownKey;
        }
    }

    public override bool TryApplyNamedConfig(FakeState state, string name)
    {
        switch (name)
        {
            case "fast":
                state.BatchSize = 8;
                state.LearningRate = 0.01;
                return true;
            case "full":
                state.ModelDepth = 8;
                return true;
            default:
                return false;
        }
    }

    public override ConfigNode ToNode(FakeState state)
    {
        var model = new ConfigObjectBuilder();
        model.Add("depth", ConfigNode.From(state.ModelDepth));
        model.Add("width", ConfigNode.From(state.ModelWidth));
        var root = new ConfigObjectBuilder();
        root.Add("batch_size", ConfigNode.From(state.BatchSize));
        root.Add("epochs", ConfigNode.From(state.Epochs));
        root.Add("layers", ConfigNode.FromList(state.Layers, ConfigNode.From));
        root.Add("learning_rate", ConfigNode.From(state.LearningRate));
        root.Add("model", model.Build());
        root.Add("optimizer", ConfigNode.From(state.Optimizer == Optimizer.Adam ? "adam" : "sgd"));
        root.Add("seed", ConfigNode.From(state.Seed));
        root.Add("tag", ConfigNode.From(state.Tag));
        root.Add("timeout", ConfigNode.From(state.Timeout));
        return root.Build();
    }

    public override ConfigNode? Invoke(string command, FakeState state, Run run) => Handlers[command](state, run);

    private static UpdateStatus Store(bool parsed, Action store)
    {
        if (!parsed)
        {
            return UpdateStatus.InvalidValue;
        }

        store();
        return UpdateStatus.Applied;
    }
}
