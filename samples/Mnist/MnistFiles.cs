using System;
using System.Globalization;
using System.IO;

namespace Mnist;

/// <summary>
/// MNIST in its standard files, found in a data folder: <c>train-images-idx3-ubyte</c> and
/// <c>train-labels-idx1-ubyte</c>, plain or gzip-compressed (<c>.gz</c>), the pair every copy of MNIST has. The
/// sample splits these into training and validation images itself; <c>t10k-*</c> files, if present, are not read.
/// </summary>
/// <param name="Images">The images file, a full path.</param>
/// <param name="Labels">The labels file, a full path.</param>
public sealed record MnistFiles(string Images, string Labels)
{
    /// <summary>The standard name of the images file (training set).</summary>
    public const string ImagesName = "train-images-idx3-ubyte";

    /// <summary>The standard name of the labels file (training set).</summary>
    public const string LabelsName = "train-labels-idx1-ubyte";

    private const string WhatToDo =
        "run build/mnist-data.sh to fetch 10,000 real MNIST digits, set data.dir to a folder with " + ImagesName + " and " + LabelsName
        + " (or .gz), or train on rendered digits with data.source=synthetic";

    /// <summary>
    /// Finds the two files in <paramref name="folder"/>. A relative folder is looked for in
    /// <paramref name="currentDirectory"/> and then in each folder above it, as git looks for <c>.git</c>, so the
    /// repository's <c>.cache/mnist</c> is found from anywhere inside the repository.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such folder; the message says how to get the data.</exception>
    /// <exception cref="FileNotFoundException">A file is missing; the message says how to get the data.</exception>
    public static MnistFiles Find(string folder, string currentDirectory)
    {
        var found = Locate(folder, currentDirectory)
            ?? throw new DirectoryNotFoundException(Path.IsPathRooted(folder)
                ? $"no MNIST data: the folder {folder} does not exist; {WhatToDo}"
                : $"no MNIST data: no folder {folder} in {currentDirectory} or any folder above it; {WhatToDo}");
        return new MnistFiles(FindFile(found, ImagesName), FindFile(found, LabelsName));
    }

    /// <summary>Reads both files and checks that they hold the same number of 28×28 images and labels 0 to 9.</summary>
    /// <exception cref="InvalidDataException">A file is malformed or the two disagree; the message names the file.</exception>
    public DigitImages Read()
    {
        var images = IdxFile.Read(Images, IdxFile.ImagesMagic);
        var labels = IdxFile.Read(Labels, IdxFile.LabelsMagic);
        if (images.Dimensions[1] != DigitRenderer.Size || images.Dimensions[2] != DigitRenderer.Size)
        {
            throw Invalid($"{Images}: images of {images.Dimensions[1]}×{images.Dimensions[2]} pixels; the model reads MNIST's 28×28");
        }

        if (images.Count != labels.Count)
        {
            throw Invalid($"{Images} holds {images.Count:N0} images but {Labels} holds {labels.Count:N0} labels; the two files must describe the same digits");
        }

        if (images.Count < 2)
        {
            throw Invalid($"{Images}: {images.Count} images; training and validation need at least 2");
        }

        var bad = labels.Values.AsSpan().IndexOfAnyExceptInRange((byte)0, (byte)9);
        if (bad >= 0)
        {
            throw Invalid($"{Labels}: label {labels.Values[bad]} at index {bad:N0}; MNIST labels are 0 to 9");
        }

        return DigitImages.FromIdx(images, labels);
    }

    private static string? Locate(string folder, string currentDirectory)
    {
        if (Path.IsPathRooted(folder))
        {
            return Directory.Exists(folder) ? Path.GetFullPath(folder) : null;
        }

        for (var directory = new DirectoryInfo(currentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.GetFullPath(Path.Combine(directory.FullName, folder));
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string FindFile(string folder, string name)
    {
        var plain = Path.Combine(folder, name);
        if (File.Exists(plain))
        {
            return plain;
        }

        var compressed = plain + ".gz";
        return File.Exists(compressed)
            ? compressed
            : throw new FileNotFoundException($"no MNIST data: {folder} has no {name} (nor {name}.gz); {WhatToDo}", plain);
    }

    private static InvalidDataException Invalid(FormattableString message) => new(message.ToString(CultureInfo.InvariantCulture));
}
