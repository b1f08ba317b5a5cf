using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Mnist;

namespace Sacred.Mnist.Tests;

/// <summary>Writes IDX files as MNIST's are written (big-endian header, one byte per value), plain or gzip-compressed.</summary>
public static class IdxWriter
{
    /// <summary>The images as MNIST stores them: each pixel in [0, 1] as the nearest byte of 0 to 255.</summary>
    public static byte[] Bytes(DigitImages images) => images.Pixels.Select(p => (byte)Math.Round(p * 255)).ToArray();

    /// <summary>Writes an images file: magic 0x00000803, [count, rows, columns].</summary>
    public static void WriteImages(string path, byte[] pixels, int rows = 28, int columns = 28) =>
        Write(path, IdxFile.ImagesMagic, [pixels.Length / (rows * columns), rows, columns], pixels);

    /// <summary>Writes a labels file: magic 0x00000801, [count].</summary>
    public static void WriteLabels(string path, byte[] labels) => Write(path, IdxFile.LabelsMagic, [labels.Length], labels);

    /// <summary>Writes <paramref name="images"/> as the standard pair in <paramref name="folder"/>, the images gzip-compressed when asked.</summary>
    public static void WriteSet(string folder, DigitImages images, bool compressImages = false)
    {
        Directory.CreateDirectory(folder);
        WriteImages(Path.Combine(folder, MnistFiles.ImagesName + (compressImages ? ".gz" : string.Empty)), Bytes(images));
        WriteLabels(Path.Combine(folder, MnistFiles.LabelsName), images.Labels);
    }

    private static void Write(string path, int magic, int[] dimensions, byte[] values)
    {
        using var file = File.Create(path);
        using var output = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, magic);
        output.Write(number);
        foreach (var size in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(number, size);
            output.Write(number);
        }

        output.Write(values);
    }
}
