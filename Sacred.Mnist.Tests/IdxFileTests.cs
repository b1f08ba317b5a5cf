using System;
using System.IO;
using System.Linq;
using Mnist;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>The sample's IDX reader on good files, plain and gzip-compressed, and on every way a file can be malformed.</summary>
public sealed class IdxFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_the_dimensions_and_every_byte_of_an_images_file()
    {
        var pixels = Enumerable.Range(0, 3 * 28 * 28).Select(i => (byte)(i * 7)).ToArray();
        IdxWriter.WriteImages(_folder["images"], pixels);

        var images = IdxFile.Read(_folder["images"], IdxFile.ImagesMagic);

        Assert.Equal(new[] { 3, 28, 28 }, images.Dimensions);
        Assert.Equal(pixels, images.Values);
    }

    [Fact]
    public void Reads_a_gzip_compressed_file_as_the_plain_one()
    {
        byte[] labels = [5, 0, 4, 1, 9, 2];
        IdxWriter.WriteLabels(_folder["labels"], labels);
        IdxWriter.WriteLabels(_folder["labels.gz"], labels);

        Assert.NotEqual(File.ReadAllBytes(_folder["labels"]), File.ReadAllBytes(_folder["labels.gz"]));
        Assert.Equal(labels, IdxFile.Read(_folder["labels.gz"], IdxFile.LabelsMagic).Values);
        Assert.Equal(new[] { 6 }, IdxFile.Read(_folder["labels.gz"], IdxFile.LabelsMagic).Dimensions);
    }

    [Fact]
    public void A_truncated_file_is_refused_naming_the_file_and_the_shortfall()
    {
        IdxWriter.WriteImages(_folder["images"], new byte[2 * 784]);
        Truncate(_folder["images"], 100);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(_folder["images"], IdxFile.ImagesMagic));

        Assert.Equal($"{_folder["images"]}: truncated: the header promises 2 images of 28×28 (1,568 bytes of data) but only 1,468 follow", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_file_is_refused_naming_the_file()
    {
        var random = new Random(1);
        var pixels = new byte[20 * 784];
        random.NextBytes(pixels);
        IdxWriter.WriteImages(_folder["images.gz"], pixels);
        Truncate(_folder["images.gz"], new FileInfo(_folder["images.gz"]).Length / 2);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(_folder["images.gz"], IdxFile.ImagesMagic));

        Assert.StartsWith($"{_folder["images.gz"]}: truncated: the header promises 20 images of 28×28 (15,680 bytes of data) but only ", error.Message);
    }

    [Fact]
    public void A_damaged_gzip_file_is_refused_naming_the_file()
    {
        File.WriteAllBytes(_folder["labels.gz"], [0x1F, 0x8B, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42]);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(_folder["labels.gz"], IdxFile.LabelsMagic));

        Assert.StartsWith($"{_folder["labels.gz"]}: not a readable gzip file (", error.Message);
    }

    [Fact]
    public void A_header_cut_short_is_refused()
    {
        File.WriteAllBytes(_folder["images"], [0, 0, 8, 3, 0, 0, 0, 2, 0, 0]);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(_folder["images"], IdxFile.ImagesMagic));

        Assert.Equal($"{_folder["images"]}: the header ends before its 3 dimension sizes", error.Message);
    }

    [Fact]
    public void Bytes_after_the_data_are_refused()
    {
        IdxWriter.WriteLabels(_folder["labels"], [1, 2, 3]);
        File.AppendAllText(_folder["labels"], "x");

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(_folder["labels"], IdxFile.LabelsMagic));

        Assert.Equal($"{_folder["labels"]}: more data than the header's 3 items (3 bytes)", error.Message);
    }

    [Fact]
    public void A_labels_file_where_images_are_expected_is_refused_by_its_magic_number()
    {
        IdxWriter.WriteLabels(_folder["labels"], [1, 2, 3]);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(_folder["labels"], IdxFile.ImagesMagic));

        Assert.Equal($"{_folder["labels"]}: magic number 0x00000801, expected 0x00000803 (IDX images: unsigned bytes, 3 dimensions)", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_idx_at_all_is_refused_by_its_magic_number()
    {
        File.WriteAllText(_folder["labels"], "{\"data\": [0, 1, 2]}");

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(_folder["labels"], IdxFile.LabelsMagic));

        Assert.StartsWith($"{_folder["labels"]}: magic number 0x7B226461, expected 0x00000801", error.Message);
    }

    private static void Truncate(string path, long bytes)
    {
        using var file = new FileStream(path, FileMode.Open);
        file.SetLength(file.Length - bytes);
    }
}
