using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using Microsoft.Extensions.Logging;
using Sacred;
using TorchSharp;

namespace Mnist;

/// <summary>
/// Trains a multilayer perceptron with TorchSharp on CPU to read handwritten digits: real MNIST digits from IDX files
/// (build/mnist-data.sh fetches 10,000), or digits rendered from pen strokes.
/// </summary>
[Experiment("mnist")]
public static partial class DigitClassifier
{
    /// <summary>Optimizer choices.</summary>
    public enum Optimizer
    {
        /// <summary>Adaptive moments.</summary>
        Adam,

        /// <summary>Stochastic gradient descent with momentum 0.9.</summary>
        Sgd,
    }

    /// <summary>Where the digits come from.</summary>
    public enum DataSource
    {
        /// <summary>Real MNIST digits, read from the IDX files in data.dir.</summary>
        Idx,

        /// <summary>Digits rendered from pen strokes; nothing to download.</summary>
        Synthetic,
    }

    [Config]
    public sealed partial record Config
    {
        /// <summary>Optimizer step size.</summary>
        public double LearningRate { get; init; } = 1e-3;

        /// <summary>Examples per gradient step.</summary>
        public int BatchSize { get; init; } = 64;

        /// <summary>Epochs; each is steps_per_epoch steps followed by a validation.</summary>
        public int Epochs { get; init; } = 5;

        /// <summary>Gradient steps per epoch.</summary>
        public int StepsPerEpoch { get; init; } = 300;

        /// <summary>The update rule.</summary>
        public Optimizer Optimizer { get; init; } = Optimizer.Adam;

        public ModelConfig Model { get; init; } = new();

        public DataConfig Data { get; init; } = new();

        /// <summary>Where each run writes its TensorBoard events and final checkpoint, in a folder of its own.</summary>
        public string OutputDir { get; init; } = "runs";

        /// <summary>Steps between progress lines when output is not a terminal (0: about ten per epoch).</summary>
        public int PrintEvery { get; init; }

        /// <summary>CPU threads torch may use within one operation (0: torch's default, one per core).</summary>
        public int Threads { get; init; }
    }

    [Config]
    public sealed partial record ModelConfig
    {
        /// <summary>Hidden units.</summary>
        public int Hidden { get; init; } = 256;

        /// <summary>Dropout probability after the hidden layer.</summary>
        public double Dropout { get; init; } = 0.2;
    }

    [Config]
    public sealed partial record DataConfig
    {
        /// <summary>idx: real MNIST digits from the IDX files in data.dir (build/mnist-data.sh gets them); synthetic: rendered digits.</summary>
        public DataSource Source { get; init; } = DataSource.Idx;

        /// <summary>The folder of train-images-idx3-ubyte and train-labels-idx1-ubyte (or .gz); a relative one is looked for here and in the folders above.</summary>
        public string Dir { get; init; } = ".cache/mnist";

        /// <summary>Rendered images in all, ten digits in equal numbers (synthetic only).</summary>
        public int Samples { get; init; } = 20_000;

        /// <summary>Share of the images held out for validation (which ones is drawn from the seed).</summary>
        public double ValidationFraction { get; init; } = 0.2;

        /// <summary>Standard deviation of the pixel noise (synthetic only).</summary>
        public double Noise { get; init; } = 0.25;
    }

    /// <summary>A few seconds: 3 epochs of 100 steps, a smaller model (6,000 images when rendered).</summary>
    [NamedConfig]
    static Config Fast(Config c) => c with
    {
        Epochs = 3,
        StepsPerEpoch = 100,
        Model = c.Model with { Hidden = 128 },
        Data = c.Data with { Samples = 6_000 },
    };

    /// <summary>15 epochs of 500 steps of 128, 512 hidden units, 1/7 of the images for validation (70,000 when rendered, MNIST's size).</summary>
    [NamedConfig]
    static Config Full(Config c) => c with
    {
        Epochs = 15,
        StepsPerEpoch = 500,
        BatchSize = 128,
        Model = c.Model with { Hidden = 512, Dropout = 0.3 },
        Data = c.Data with { Samples = 70_000, ValidationFraction = 1.0 / 7 },
    };

    [Main]
    static double Train(
        int epochs, int stepsPerEpoch, int batchSize, double learningRate, Optimizer optimizer, ModelConfig model, DataConfig data,
        string outputDir, int printEvery, int threads, Run run, ILogger logger, Random random, CancellationToken cancellationToken)
    {
        if (threads > 0)
        {
            torch.set_num_threads(threads);
        }

        // The data first: missing or malformed files fail the run before anything is trained or written.
        var clock = Stopwatch.StartNew();
        using var digits = DigitDataSet.Split(LoadImages(data, run, logger), data.ValidationFraction, random);
        logger.LogInformation("{Train} training and {Validation} validation images ready in {Seconds:F1} s", digits.TrainCount, digits.ValidationCount, clock.Elapsed.TotalSeconds);

        var directory = Path.Combine(outputDir, RunFolder(run));
        var events = run.CreateSummaryWriter(directory);
        using var network = new Mlp(DigitDataSet.Features, model.Hidden, model.Dropout, DigitDataSet.Classes);
        using var trainer = new Trainer(network, digits, optimizer, learningRate, batchSize, random);

        var training = Stopwatch.StartNew();
        var validating = new Stopwatch();
        var (best, steps) = TrainingProgress.Show(epochs, stepsPerEpoch, printEvery, progress =>
        {
            var best = 0.0;
            var step = 0;
            for (var epoch = 1; epoch <= epochs && !cancellationToken.IsCancellationRequested; epoch++)
            {
                for (var i = 0; i < stepsPerEpoch && !cancellationToken.IsCancellationRequested; i++, step++)
                {
                    var loss = trainer.Step();
                    run.LogScalar("training.loss", loss, step);
                    events.add_scalar("training/loss", (float)loss, step);
                    progress.Step(epoch, step + 1, loss);
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                validating.Start();
                var (validationLoss, accuracy) = trainer.Validate();
                validating.Stop();
                best = Math.Max(best, accuracy);
                run.LogScalar("validation.loss", validationLoss, step);
                run.LogScalar("validation.accuracy", accuracy, step);
                events.add_scalar("validation/loss", (float)validationLoss, step);
                events.add_scalar("validation/accuracy", (float)accuracy, step);
                run.Result = ConfigNode.From(best);
                progress.Validated(epoch, validationLoss, accuracy, best);
            }

            return (best, step);
        });
        training.Stop();

        var checkpoint = Path.Combine(directory, "model.bin");
        network.save(checkpoint);
        run.AddArtifact(checkpoint);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {steps} steps in {training.Elapsed.TotalSeconds:F1} s ({(training.Elapsed - validating.Elapsed).TotalMilliseconds / Math.Max(steps, 1):F2} ms/step, validation {validating.Elapsed.TotalSeconds:F1} s); best validation accuracy {best * 100:F2}%; checkpoint {checkpoint}"));
        cancellationToken.ThrowIfCancellationRequested();
        return best;
    }

    /// <summary>The images of <paramref name="data"/>'s source; IDX files read are recorded as the run's resources.</summary>
    private static DigitImages LoadImages(DataConfig data, Run run, ILogger logger)
    {
        if (data.Source == DataSource.Synthetic)
        {
            logger.LogInformation("Rendering {Samples} digits", data.Samples);
            return DigitImages.Render(data.Samples, data.Noise);
        }

        var files = MnistFiles.Find(data.Dir, Environment.CurrentDirectory);
        var images = files.Read();
        run.AddResource(files.Images);
        run.AddResource(files.Labels);
        logger.LogInformation("Read {Count} MNIST digits from {Images} and {Labels}", images.Count, files.Images, files.Labels);
        return images;
    }

    /// <summary>The run's own folder: its id when it is recorded, else the start time and process id.</summary>
    private static string RunFolder(Run run) =>
        run.Id is { } id
            ? run.ExperimentName + "-" + id
            : run.ExperimentName + "-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
}
