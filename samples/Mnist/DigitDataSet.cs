using System;
using System.Threading.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace Mnist;

/// <summary>
/// A synthetic MNIST: <c>samples</c> rendered 28×28 digits, ten classes in equal numbers. The images are fixed
/// (image <c>i</c> is digit <c>i % 10</c>, drawn from a generator seeded with <c>i</c>), like a downloaded data set;
/// the train/validation split is drawn from the run's seed. Pixels are standardized with the training mean and
/// standard deviation.
/// </summary>
public sealed class DigitDataSet : IDisposable
{
    /// <summary>Pixels per image.</summary>
    public const int Features = DigitRenderer.Size * DigitRenderer.Size;

    /// <summary>Number of classes.</summary>
    public const int Classes = 10;

    private DigitDataSet(Tensor trainImages, Tensor trainLabels, Tensor validationImages, Tensor validationLabels)
    {
        TrainImages = trainImages;
        TrainLabels = trainLabels;
        ValidationImages = validationImages;
        ValidationLabels = validationLabels;
    }

    /// <summary>Training images, [n, 784] float32, standardized.</summary>
    public Tensor TrainImages { get; }

    /// <summary>Training labels, [n] int64.</summary>
    public Tensor TrainLabels { get; }

    /// <summary>Validation images, [m, 784] float32, standardized with the training statistics.</summary>
    public Tensor ValidationImages { get; }

    /// <summary>Validation labels, [m] int64.</summary>
    public Tensor ValidationLabels { get; }

    /// <summary>Number of training examples.</summary>
    public int TrainCount => (int)TrainLabels.shape[0];

    /// <summary>Number of validation examples.</summary>
    public int ValidationCount => (int)ValidationLabels.shape[0];

    /// <summary>Renders the images and splits them.</summary>
    /// <param name="samples">Images in all.</param>
    /// <param name="validationFraction">Share of the images held out for validation.</param>
    /// <param name="noise">Standard deviation of the pixel noise.</param>
    /// <param name="split">Draws the split.</param>
    public static DigitDataSet Generate(int samples, double validationFraction, double noise, Random split)
    {
        var validation = Math.Clamp((int)Math.Round(samples * validationFraction), 1, samples - 1);
        var order = new int[samples];
        for (var i = 0; i < samples; i++)
        {
            order[i] = i;
        }

        split.Shuffle(order);
        var pixels = new float[samples * Features];
        var labels = new long[samples];
        Parallel.For(0, samples, slot =>
        {
            var image = order[slot];
            labels[slot] = image % Classes;
            DigitRenderer.Render(image % Classes, noise, new Random(ImageSeed(image)), pixels.AsSpan(slot * Features, Features));
        });

        var (mean, deviation) = Statistics(pixels.AsSpan(validation * Features));
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (pixels[i] - mean) / deviation;
        }

        var train = samples - validation;
        return new DigitDataSet(
            tensor(pixels.AsSpan(validation * Features).ToArray(), [train, Features]),
            tensor(labels.AsSpan(validation).ToArray()),
            tensor(pixels.AsSpan(0, validation * Features).ToArray(), [validation, Features]),
            tensor(labels.AsSpan(0, validation).ToArray()));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        ValidationImages.Dispose();
        ValidationLabels.Dispose();
    }

    private static int ImageSeed(int image) => unchecked((int)(0x2545F491u + ((uint)image * 2654435761u)));

    private static (float Mean, float Deviation) Statistics(ReadOnlySpan<float> pixels)
    {
        double sum = 0, squares = 0;
        foreach (var value in pixels)
        {
            sum += value;
            squares += value * value;
        }

        var mean = sum / pixels.Length;
        return ((float)mean, (float)Math.Sqrt(Math.Max((squares / pixels.Length) - (mean * mean), 1e-12)));
    }
}
