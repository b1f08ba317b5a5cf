using System;

namespace QuickStart;

/// <summary>A fully connected tanh network with a sigmoid output, trained by hand-written backpropagation.</summary>
public sealed class Network
{
    private readonly double[][,] _weights;
    private readonly double[][] _biases;

    public Network(int depth, int width, Random random)
    {
        var sizes = new int[depth + 2];
        sizes[0] = 2;
        for (var i = 1; i <= depth; i++)
        {
            sizes[i] = width;
        }

        sizes[^1] = 1;
        _weights = new double[depth + 1][,];
        _biases = new double[depth + 1][];
        for (var layer = 0; layer <= depth; layer++)
        {
            var scale = Math.Sqrt(1.0 / sizes[layer]);
            _weights[layer] = new double[sizes[layer + 1], sizes[layer]];
            _biases[layer] = new double[sizes[layer + 1]];
            for (var o = 0; o < sizes[layer + 1]; o++)
            {
                for (var i = 0; i < sizes[layer]; i++)
                {
                    _weights[layer][o, i] = ((random.NextDouble() * 2) - 1) * scale * 2;
                }
            }
        }
    }

    public double[][,] Weights => _weights;

    public double[][] Biases => _biases;

    /// <summary>Activations of every layer for one input; the last holds the probability of class 1.</summary>
    public double[][] Forward(double[] input)
    {
        var activations = new double[_weights.Length + 1][];
        activations[0] = input;
        for (var layer = 0; layer < _weights.Length; layer++)
        {
            var w = _weights[layer];
            var output = new double[w.GetLength(0)];
            for (var o = 0; o < output.Length; o++)
            {
                var sum = _biases[layer][o];
                for (var i = 0; i < w.GetLength(1); i++)
                {
                    sum += w[o, i] * activations[layer][i];
                }

                output[o] = layer == _weights.Length - 1 ? 1 / (1 + Math.Exp(-sum)) : Math.Tanh(sum);
            }

            activations[layer + 1] = output;
        }

        return activations;
    }

    public double Accuracy(DataSet data)
    {
        var correct = 0;
        for (var n = 0; n < data.Labels.Length; n++)
        {
            var p = Forward(data.Inputs[n])[^1][0];
            correct += (p > 0.5) == (data.Labels[n] > 0.5) ? 1 : 0;
        }

        return (double)correct / data.Labels.Length;
    }
}
