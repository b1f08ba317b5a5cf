using System;
using System.Threading;
using Microsoft.Extensions.Logging;
using Sacred;

namespace QuickStart;

/// <summary>Trains a small neural classifier by gradient descent on two noisy interleaved spirals.</summary>
[Experiment("quickstart")]
[ConfigFile("experiment.json")]
[NamedConfigFile("tiny.json", Doc = "A one-layer model of width 4, 20 steps")]
public static partial class Classifier
{
    /// <summary>Optimizer choices.</summary>
    public enum Optimizer
    {
        /// <summary>Adaptive moments.</summary>
        Adam,

        /// <summary>Plain stochastic gradient descent.</summary>
        Sgd,
    }

    [Config]
    public sealed partial record Config
    {
        /// <summary>Optimizer step size.</summary>
        public double LearningRate { get; init; } = 0.01;

        /// <summary>Examples per gradient step.</summary>
        public int BatchSize { get; init; } = 32;

        /// <summary>Number of gradient steps.</summary>
        public int Steps { get; init; } = 1000;

        /// <summary>The update rule.</summary>
        public Optimizer Optimizer { get; init; } = Optimizer.Adam;

        /// <summary>Examples in the synthetic training set.</summary>
        public int Samples { get; init; } = 512;

        public ModelConfig Model { get; init; } = new();

        /// <summary>Passes over the training set (derived from steps, batch size and samples).</summary>
        public double Epochs => (double)Steps * BatchSize / Samples;
    }

    [Config]
    public sealed partial record ModelConfig
    {
        /// <summary>Hidden layers.</summary>
        public int Depth { get; init; } = 2;

        /// <summary>Units per hidden layer.</summary>
        public int Width { get; init; } = 8;
    }

    /// <summary>300 steps on 256 examples: a run of well under a second, for smoke tests.</summary>
    [NamedConfig]
    static Config Fast(Config c) => c with { Steps = 300, Samples = 256 };

    [Main]
    static double Train(int steps, int batchSize, int samples, double learningRate, Optimizer optimizer, Random random, ILogger logger, Run run, CancellationToken cancellationToken)
    {
        var data = Spirals.Generate(samples, random);
        var network = BuildNetwork();
        var trainer = new Trainer(network, optimizer, learningRate);
        for (var step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var loss = trainer.Step(data, batchSize, random);
            run.LogScalar("training.loss", loss);
            if (step % Math.Max(1, steps / 10) == 0 || step == steps - 1)
            {
                logger.LogInformation("step {Step}: loss {Loss:F4}", step, loss);
            }
        }

        var accuracy = network.Accuracy(data);
        run.LogScalar("training.accuracy", accuracy, steps);
        Console.WriteLine($"training accuracy: {accuracy:P1}");
        return accuracy;
    }

    /// <summary>Prints the synthetic data set's class balance and size.</summary>
    [Command]
    static void Describe(int samples, Random random)
    {
        var data = Spirals.Generate(samples, random);
        var positives = 0;
        foreach (var label in data.Labels)
        {
            positives += label > 0.5 ? 1 : 0;
        }

        Console.WriteLine($"{data.Labels.Length} examples, {positives} positive, {data.Labels.Length - positives} negative");
    }

    [Captured(Prefix = "model")]
    static Network BuildNetwork(int depth, int width, Random random) => new(depth, width, random);
}
