using System;

namespace QuickStart;

/// <summary>A labelled 2-D data set.</summary>
public sealed record DataSet(double[][] Inputs, double[] Labels);

/// <summary>Two interleaved noisy spirals: a classic problem a linear model cannot solve.</summary>
public static class Spirals
{
    public static DataSet Generate(int count, Random random)
    {
        var inputs = new double[count][];
        var labels = new double[count];
        for (var i = 0; i < count; i++)
        {
            var label = i % 2;
            var t = random.NextDouble() * 3 * Math.PI;
            var radius = t / (3 * Math.PI);
            var angle = t + (label * Math.PI);
            inputs[i] = new[]
            {
                (radius * Math.Cos(angle)) + (0.05 * Gaussian(random)),
                (radius * Math.Sin(angle)) + (0.05 * Gaussian(random)),
            };
            labels[i] = label;
        }

        return new DataSet(inputs, labels);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
