using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>A fact that runs build/'s Node.js converter; skipped, saying so, when <c>node</c> is not on PATH.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        if (!path.Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "node"))))
        {
            Skip = "node is not on PATH, so build/mnist-idx.mjs cannot be tried; install Node.js 18 or later to run this test";
        }
    }
}
