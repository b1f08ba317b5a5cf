using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Mnist;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>
/// The sample on IDX files, as a user runs it on downloaded MNIST; here on small sets the tests render and write
/// themselves, so nothing depends on the registry. Bad data fails the run before anything is trained or written.
/// </summary>
public sealed class IdxTrainingTests
{
    [Fact]
    public void Trains_on_idx_files_and_records_them_as_the_runs_resources()
    {
        using var data = new TemporaryFolder();
        IdxWriter.WriteSet(data.Path, DigitImages.Render(1_000, 0.25), compressImages: true);
        var images = data[MnistFiles.ImagesName + ".gz"];
        var labels = data[MnistFiles.LabelsName];

        var run = MnistRun.StartOnIdx(MnistRun.Jit(), data.Path, "steps_per_epoch=5", "epochs=2", "seed=3");
        try
        {
            Assert.True(run.Outcome.ExitCode == 0, run.Outcome.Stdout + run.Outcome.Stderr);
            Assert.Contains($"Read 1000 MNIST digits from {images} and {labels}", run.Outcome.Stderr);
            Assert.Contains("800 training and 200 validation images ready", run.Outcome.Stderr);
            Assert.Equal(10, run.Losses.Count);
            Assert.True(run.Losses.Skip(7).Average() < run.Losses.Take(3).Average() - 0.1, "loss did not go down: " + string.Join(", ", run.Losses));
            Assert.Equal(2, run.Validations.Count);

            using var store = RunStore.Open(run.Store);
            var summary = Assert.Single(store.ListRuns(new RunQuery()).Runs);
            var detail = store.GetRun(summary.Id)!;
            Assert.Equal("COMPLETED", summary.Status);
            Assert.Equal("idx", detail.Config.Get("data")!.Get("source")!.StringValue);
            Assert.Equal(
                new[] { (images, Md5(images)), (labels, Md5(labels)) },
                detail.Resources.Select(r => (r.Path, r.Md5)).OrderBy(r => r.Path, StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(run.OutputDir, recursive: true);
        }
    }

    [Fact]
    public void Without_data_the_run_fails_before_training_with_one_line_on_how_to_get_it()
    {
        // No data.dir: the default, .cache/mnist, looked for from the run's working folder (a fresh temporary one) upward.
        var run = MnistRun.StartWithDefaultData(MnistRun.Jit(), "steps_per_epoch=5", "epochs=1");
        try
        {
            AssertFailedBeforeTraining(
                run,
                $"System.IO.DirectoryNotFoundException: no MNIST data: no folder .cache/mnist in {run.OutputDir} or any folder above it; "
                + "run build/mnist-data.sh to fetch 10,000 real MNIST digits, set data.dir to a folder with train-images-idx3-ubyte and "
                + "train-labels-idx1-ubyte (or .gz), or train on rendered digits with data.source=synthetic");
        }
        finally
        {
            Directory.Delete(run.OutputDir, recursive: true);
        }
    }

    [Fact]
    public void Images_and_labels_that_disagree_fail_the_run_before_training()
    {
        using var data = new TemporaryFolder();
        var digits = DigitImages.Render(10, 0.25);
        IdxWriter.WriteImages(data[MnistFiles.ImagesName], IdxWriter.Bytes(digits));
        IdxWriter.WriteLabels(data[MnistFiles.LabelsName], digits.Labels[..9]);

        var run = MnistRun.StartOnIdx(MnistRun.Jit(), data.Path, "steps_per_epoch=5", "epochs=1");
        try
        {
            AssertFailedBeforeTraining(
                run,
                $"System.IO.InvalidDataException: {data[MnistFiles.ImagesName]} holds 10 images but {data[MnistFiles.LabelsName]} holds 9 labels; the two files must describe the same digits");
        }
        finally
        {
            Directory.Delete(run.OutputDir, recursive: true);
        }
    }

    /// <summary>Exit code 1, the reason as one line, a complete FAILED record whose trace starts with it, and nothing trained or written.</summary>
    private static void AssertFailedBeforeTraining(MnistRun run, string reason)
    {
        Assert.True(run.Outcome.ExitCode == 1, run.Outcome.Stdout + run.Outcome.Stderr);
        Assert.Contains(reason + "\n", run.Outcome.Stderr);
        Assert.Empty(run.Losses);
        Assert.Equal(new[] { "store" }, Directory.GetDirectories(run.OutputDir).Select(Path.GetFileName));

        using var store = RunStore.Open(run.Store);
        var summary = Assert.Single(store.ListRuns(new RunQuery()).Runs);
        var detail = store.GetRun(summary.Id)!;
        Assert.Equal("FAILED", summary.Status);
        Assert.Equal(reason + "\n", detail.FailTrace![0]);
        Assert.Empty(detail.Resources);
        Assert.Empty(detail.Artifacts);
        Assert.Empty(detail.Metrics);
    }

    private static string Md5(string path) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path)));
}
