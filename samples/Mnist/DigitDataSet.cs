using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Mnist;

/// <summary>
/// Digits split into training and validation images as tensors: which images are held out is drawn from the run's
/// seed. Pixels are standardized with the training mean and standard deviation.
/// </summary>
public sealed class DigitDataSet : IDisposable
{
    /// <summary>Pixels per image.</summary>
    public const int Features = DigitImages.Features;

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

    /// <summary>Splits the images, holding out a share drawn from <paramref name="split"/> for validation.</summary>
    /// <param name="images">Two images at least.</param>
    /// <param name="validationFraction">Share of the images held out for validation (one image at least, one left to train on).</param>
    /// <param name="split">Draws the split.</param>
    public static DigitDataSet Split(DigitImages images, double validationFraction, Random split)
    {
        var samples = images.Count;
        var validation = Math.Clamp((int)Math.Round(samples * validationFraction), 1, samples - 1);
        var order = new int[samples];
        for (var i = 0; i < samples; i++)
        {
            order[i] = i;
        }

        split.Shuffle(order);
        var train = samples - validation;
        var trainPixels = new float[train * Features];
        var trainLabels = new long[train];
        var validationPixels = new float[validation * Features];
        var validationLabels = new long[validation];
        for (var slot = 0; slot < samples; slot++)
        {
            var (pixels, labels, index) = slot < validation
                ? (validationPixels, validationLabels, slot)
                : (trainPixels, trainLabels, slot - validation);
            images.Pixels.AsSpan(order[slot] * Features, Features).CopyTo(pixels.AsSpan(index * Features));
            labels[index] = images.Labels[order[slot]];
        }

        var (mean, deviation) = Statistics(trainPixels);
        Standardize(trainPixels, mean, deviation);
        Standardize(validationPixels, mean, deviation);
        return new DigitDataSet(
            tensor(trainPixels, [train, Features]),
            tensor(trainLabels),
            tensor(validationPixels, [validation, Features]),
            tensor(validationLabels));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        ValidationImages.Dispose();
        ValidationLabels.Dispose();
    }

    private static void Standardize(Span<float> pixels, float mean, float deviation)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (pixels[i] - mean) / deviation;
        }
    }

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
