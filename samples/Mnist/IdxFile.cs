using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace Mnist;

/// <summary>
/// Reads IDX files, the format every copy of MNIST comes in: a big-endian magic number (two zero bytes, the type
/// code 0x08 for unsigned bytes, the number of dimensions), each dimension as a big-endian 32-bit count, then the
/// values. A gzip-compressed file (<c>.gz</c>, as MNIST is published) is recognised by its first bytes and read
/// through decompression.
/// </summary>
public static class IdxFile
{
    /// <summary>The magic number of a file of images: unsigned bytes, three dimensions.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>The magic number of a file of labels: unsigned bytes, one dimension.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads the whole file, checking it against the magic number expected.</summary>
    /// <param name="path">The file, plain or gzip-compressed.</param>
    /// <param name="magic"><see cref="ImagesMagic"/> or <see cref="LabelsMagic"/>.</param>
    /// <exception cref="InvalidDataException">The file is not what <paramref name="magic"/> says, or it is truncated or too long; the message names the file.</exception>
    public static IdxArray Read(string path, int magic)
    {
        using var file = File.OpenRead(path);
        try
        {
            using var content = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            return Read(content, path, magic);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            // GZipStream's own complaint (a damaged or cut-off compressed file) does not say which file.
            throw new InvalidDataException($"{path}: not a readable gzip file ({e.Message})", e);
        }
    }

    private static IdxArray Read(Stream content, string path, int magic)
    {
        Span<byte> header = stackalloc byte[4];
        if (content.ReadAtLeast(header, 4, throwOnEndOfStream: false) < 4)
        {
            throw Malformed(path, "too short for an IDX header");
        }

        var found = BinaryPrimitives.ReadInt32BigEndian(header);
        if (found != magic)
        {
            throw Malformed(path, string.Create(CultureInfo.InvariantCulture, $"magic number 0x{found:X8}, expected 0x{magic:X8} ({Describe(magic)})"));
        }

        var dimensions = new int[header[3]];
        long length = 1;
        Span<byte> size = stackalloc byte[4];
        for (var i = 0; i < dimensions.Length; i++)
        {
            if (content.ReadAtLeast(size, 4, throwOnEndOfStream: false) < 4)
            {
                throw Malformed(path, string.Create(CultureInfo.InvariantCulture, $"the header ends before its {dimensions.Length} dimension sizes"));
            }

            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(size);
            length *= dimensions[i];
            if (dimensions[i] < 0 || length > Array.MaxLength)
            {
                throw Malformed(path, $"the header gives impossible dimensions ({string.Join(" × ", dimensions[..(i + 1)])})");
            }
        }

        var values = new byte[length];
        var read = content.ReadAtLeast(values, values.Length, throwOnEndOfStream: false);
        if (read < values.Length)
        {
            throw Malformed(path, string.Create(CultureInfo.InvariantCulture, $"truncated: the header promises {Shape(dimensions)} ({values.Length:N0} bytes of data) but only {read:N0} follow"));
        }

        if (content.ReadByte() >= 0)
        {
            throw Malformed(path, string.Create(CultureInfo.InvariantCulture, $"more data than the header's {Shape(dimensions)} ({values.Length:N0} bytes)"));
        }

        return new IdxArray(dimensions, values);
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> start = stackalloc byte[2];
        var read = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && start[0] == 0x1F && start[1] == 0x8B;
    }

    private static string Describe(int magic) =>
        magic == ImagesMagic ? "IDX images: unsigned bytes, 3 dimensions" : "IDX labels: unsigned bytes, 1 dimension";

    private static string Shape(int[] dimensions) =>
        dimensions.Length == 3
            ? string.Create(CultureInfo.InvariantCulture, $"{dimensions[0]:N0} images of {dimensions[1]}×{dimensions[2]}")
            : string.Create(CultureInfo.InvariantCulture, $"{dimensions[0]:N0} items");

    private static InvalidDataException Malformed(string path, string problem) => new($"{path}: {problem}");
}
