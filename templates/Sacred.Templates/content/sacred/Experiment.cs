using Microsoft.Extensions.Logging;
using Sacred;

namespace SacredExperiment;

/// <summary>Fits y = a·x + b to noisy samples by gradient descent: replace the body with your training loop.</summary>
[Experiment("sacred-experiment")]
[ConfigFile("experiment.json")]
[NamedConfigFile("quick.json", Doc = "A short run for smoke tests")]
public static partial class Experiment
{
    [Config]
    public sealed partial record Config
    {
        /// <summary>Optimizer step size.</summary>
        public double LearningRate { get; init; } = 0.05;

        /// <summary>Gradient steps.</summary>
        public int Steps { get; init; } = 200;

        /// <summary>Training samples.</summary>
        public int Samples { get; init; } = 256;

        /// <summary>Standard deviation of the noise added to the targets.</summary>
        public double Noise { get; init; } = 0.1;
    }

    /// <summary>Ten times the step size: a run that diverges, to see a failure recorded.</summary>
    [NamedConfig]
    static Config Hot(Config c) => c with { LearningRate = c.LearningRate * 10 };

    [Main]
    static double Train(Config config, Random random, ILogger logger, Run run, CancellationToken cancellationToken)
    {
        var xs = new double[config.Samples];
        var ys = new double[config.Samples];
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = random.NextDouble() * 2 - 1;
            ys[i] = 3 * xs[i] + 0.5 + config.Noise * (random.NextDouble() * 2 - 1);
        }

        double a = 0, b = 0, loss = 0;
        for (var step = 0; step < config.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double gradA = 0, gradB = 0;
            loss = 0;
            for (var i = 0; i < xs.Length; i++)
            {
                var error = a * xs[i] + b - ys[i];
                loss += error * error / xs.Length;
                gradA += 2 * error * xs[i] / xs.Length;
                gradB += 2 * error / xs.Length;
            }

            a -= config.LearningRate * gradA;
            b -= config.LearningRate * gradB;
            run.LogScalar("training.loss", loss);
        }

        logger.LogInformation("fitted y = {A:F3}·x + {B:F3}", a, b);
        return loss;
    }
}
