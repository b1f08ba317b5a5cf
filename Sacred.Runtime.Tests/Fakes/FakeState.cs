using System;
using System.Collections.Generic;

namespace Sacred.Runtime.Tests.Fakes;

/// <summary>The mutable config holder a generated experiment would have.</summary>
public sealed class FakeState
{
    public int Seed { get; set; }

    public double LearningRate { get; set; } = 1e-3;

    public int BatchSize { get; set; } = 32;

    public int ModelDepth { get; set; } = 2;

    public int ModelWidth { get; set; } = 64;

    public Optimizer Optimizer { get; set; } = Optimizer.Adam;

    public List<int> Layers { get; set; } = [16, 8];

    public string? Tag { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    public int Epochs => 1000 / BatchSize;
}
