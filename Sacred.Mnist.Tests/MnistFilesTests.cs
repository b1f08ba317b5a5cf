using System;
using System.IO;
using System.Linq;
using Mnist;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>Finding the standard pair of MNIST files in a data folder and checking that the two agree.</summary>
public sealed class MnistFilesTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Reads_images_and_labels_as_pixels_in_0_1_with_their_digits()
    {
        var pixels = Enumerable.Range(0, 4 * 784).Select(i => (byte)(i % 256)).ToArray();
        IdxWriter.WriteImages(_folder[MnistFiles.ImagesName], pixels);
        IdxWriter.WriteLabels(_folder[MnistFiles.LabelsName], [7, 2, 1, 0]);

        var images = MnistFiles.Find(_folder.Path, "/").Read();

        Assert.Equal(4, images.Count);
        Assert.Equal(new byte[] { 7, 2, 1, 0 }, images.Labels);
        Assert.Equal(pixels.Select(b => b / 255f), images.Pixels);
    }

    [Fact]
    public void Finds_gzip_compressed_files_and_prefers_the_plain_ones()
    {
        var digits = DigitImages.Render(20, 0.25);
        IdxWriter.WriteSet(_folder.Path, digits, compressImages: true);

        var files = MnistFiles.Find(_folder.Path, "/");

        Assert.Equal(_folder[MnistFiles.ImagesName + ".gz"], files.Images);
        Assert.Equal(IdxWriter.Bytes(digits).Select(b => b / 255f), files.Read().Pixels);
        IdxWriter.WriteImages(_folder[MnistFiles.ImagesName], IdxWriter.Bytes(digits));
        Assert.Equal(_folder[MnistFiles.ImagesName], MnistFiles.Find(_folder.Path, "/").Images);
    }

    [Fact]
    public void A_relative_folder_is_found_from_a_folder_below_it()
    {
        IdxWriter.WriteSet(_folder[".cache/mnist"], DigitImages.Render(10, 0.25));
        Directory.CreateDirectory(_folder["samples/Mnist"]);

        var files = MnistFiles.Find(".cache/mnist", _folder["samples/Mnist"]);

        Assert.Equal(_folder[".cache/mnist/" + MnistFiles.LabelsName], files.Labels);
    }

    [Fact]
    public void No_folder_says_where_it_looked_and_how_to_get_the_data()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => MnistFiles.Find(".cache/mnist-missing", _folder.Path));

        Assert.StartsWith($"no MNIST data: no folder .cache/mnist-missing in {_folder.Path} or any folder above it; run build/mnist-data.sh", error.Message);
        Assert.Contains("data.source=synthetic", error.Message);
    }

    [Fact]
    public void A_missing_labels_file_is_named()
    {
        IdxWriter.WriteImages(_folder[MnistFiles.ImagesName], new byte[784]);

        var error = Assert.Throws<FileNotFoundException>(() => MnistFiles.Find(_folder.Path, "/"));

        Assert.StartsWith($"no MNIST data: {_folder.Path} has no train-labels-idx1-ubyte (nor train-labels-idx1-ubyte.gz); run build/mnist-data.sh", error.Message);
    }

    [Fact]
    public void Images_and_labels_that_disagree_in_number_are_refused()
    {
        IdxWriter.WriteImages(_folder[MnistFiles.ImagesName], new byte[3 * 784]);
        IdxWriter.WriteLabels(_folder[MnistFiles.LabelsName], [1, 2]);

        var error = Assert.Throws<InvalidDataException>(() => MnistFiles.Find(_folder.Path, "/").Read());

        Assert.Equal($"{_folder[MnistFiles.ImagesName]} holds 3 images but {_folder[MnistFiles.LabelsName]} holds 2 labels; the two files must describe the same digits", error.Message);
    }

    [Fact]
    public void Labels_outside_0_9_are_refused()
    {
        IdxWriter.WriteImages(_folder[MnistFiles.ImagesName], new byte[3 * 784]);
        IdxWriter.WriteLabels(_folder[MnistFiles.LabelsName], [1, 12, 2]);

        var error = Assert.Throws<InvalidDataException>(() => MnistFiles.Find(_folder.Path, "/").Read());

        Assert.Equal($"{_folder[MnistFiles.LabelsName]}: label 12 at index 1; MNIST labels are 0 to 9", error.Message);
    }

    [Fact]
    public void Images_of_another_size_are_refused()
    {
        IdxWriter.WriteImages(_folder[MnistFiles.ImagesName], new byte[2 * 32 * 32], 32, 32);
        IdxWriter.WriteLabels(_folder[MnistFiles.LabelsName], [1, 2]);

        var error = Assert.Throws<InvalidDataException>(() => MnistFiles.Find(_folder.Path, "/").Read());

        Assert.Equal($"{_folder[MnistFiles.ImagesName]}: images of 32×32 pixels; the model reads MNIST's 28×28", error.Message);
    }
}
