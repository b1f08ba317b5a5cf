using System;
using System.Threading.Tasks;

namespace Mnist;

/// <summary>Labelled 28×28 grey images in memory, before any split: pixels in [0, 1], row-major, one image after another.</summary>
/// <param name="Pixels"><see cref="Count"/> × 784 values in [0, 1].</param>
/// <param name="Labels">The digit of each image, 0 to 9.</param>
public sealed record DigitImages(float[] Pixels, byte[] Labels)
{
    /// <summary>Pixels per image.</summary>
    public const int Features = DigitRenderer.Size * DigitRenderer.Size;

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>
    /// Renders <paramref name="samples"/> synthetic digits, ten classes in equal numbers. The images are fixed, like a
    /// downloaded data set: image <c>i</c> is digit <c>i % 10</c>, drawn from a generator seeded with <c>i</c>.
    /// </summary>
    /// <param name="samples">Images in all.</param>
    /// <param name="noise">Standard deviation of the pixel noise.</param>
    public static DigitImages Render(int samples, double noise)
    {
        var pixels = new float[samples * Features];
        var labels = new byte[samples];
        Parallel.For(0, samples, image =>
        {
            labels[image] = (byte)(image % 10);
            DigitRenderer.Render(image % 10, noise, new Random(ImageSeed(image)), pixels.AsSpan(image * Features, Features));
        });
        return new DigitImages(pixels, labels);
    }

    /// <summary>Images read from IDX files: each byte (0 to 255) becomes a pixel in [0, 1].</summary>
    /// <param name="images">[count, 28, 28] bytes.</param>
    /// <param name="labels">[count] digits.</param>
    public static DigitImages FromIdx(IdxArray images, IdxArray labels)
    {
        var pixels = new float[images.Values.Length];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = images.Values[i] / 255f;
        }

        return new DigitImages(pixels, labels.Values);
    }

    private static int ImageSeed(int image) => unchecked((int)(0x2545F491u + ((uint)image * 2654435761u)));
}
