using System;
using static QuickStart.Classifier;

namespace QuickStart;

/// <summary>Mini-batch gradient descent with plain SGD or Adam on the binary cross-entropy loss.</summary>
public sealed class Trainer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private readonly Network _network;
    private readonly Optimizer _optimizer;
    private readonly double _learningRate;
    private readonly double[][,] _m;
    private readonly double[][,] _v;
    private readonly double[][] _mb;
    private readonly double[][] _vb;
    private int _t;

    public Trainer(Network network, Optimizer optimizer, double learningRate)
    {
        _network = network;
        _optimizer = optimizer;
        _learningRate = learningRate;
        _m = Array.ConvertAll(network.Weights, w => new double[w.GetLength(0), w.GetLength(1)]);
        _v = Array.ConvertAll(network.Weights, w => new double[w.GetLength(0), w.GetLength(1)]);
        _mb = Array.ConvertAll(network.Biases, b => new double[b.Length]);
        _vb = Array.ConvertAll(network.Biases, b => new double[b.Length]);
    }

    /// <summary>One step on a random mini-batch; returns the batch's mean loss.</summary>
    public double Step(DataSet data, int batchSize, Random random)
    {
        var weights = _network.Weights;
        var biases = _network.Biases;
        var gw = Array.ConvertAll(weights, w => new double[w.GetLength(0), w.GetLength(1)]);
        var gb = Array.ConvertAll(biases, b => new double[b.Length]);
        var loss = 0.0;
        for (var n = 0; n < batchSize; n++)
        {
            var index = random.Next(data.Labels.Length);
            var a = _network.Forward(data.Inputs[index]);
            var y = data.Labels[index];
            var p = Math.Clamp(a[^1][0], 1e-9, 1 - 1e-9);
            loss -= (y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p));
            var delta = new[] { p - y };
            for (var layer = weights.Length - 1; layer >= 0; layer--)
            {
                var w = weights[layer];
                var previous = new double[w.GetLength(1)];
                for (var o = 0; o < w.GetLength(0); o++)
                {
                    gb[layer][o] += delta[o] / batchSize;
                    for (var i = 0; i < w.GetLength(1); i++)
                    {
                        gw[layer][o, i] += delta[o] * a[layer][i] / batchSize;
                        previous[i] += delta[o] * w[o, i];
                    }
                }

                for (var i = 0; i < previous.Length; i++)
                {
                    previous[i] *= 1 - (a[layer][i] * a[layer][i]);
                }

                delta = previous;
            }
        }

        _t++;
        for (var layer = 0; layer < weights.Length; layer++)
        {
            for (var o = 0; o < weights[layer].GetLength(0); o++)
            {
                for (var i = 0; i < weights[layer].GetLength(1); i++)
                {
                    weights[layer][o, i] -= Update(ref _m[layer][o, i], ref _v[layer][o, i], gw[layer][o, i]);
                }

                biases[layer][o] -= Update(ref _mb[layer][o], ref _vb[layer][o], gb[layer][o]);
            }
        }

        return loss / batchSize;
    }

    private double Update(ref double m, ref double v, double gradient)
    {
        if (_optimizer == Optimizer.Sgd)
        {
            return _learningRate * gradient;
        }

        m = (Beta1 * m) + ((1 - Beta1) * gradient);
        v = (Beta2 * v) + ((1 - Beta2) * gradient * gradient);
        var mHat = m / (1 - Math.Pow(Beta1, _t));
        var vHat = v / (1 - Math.Pow(Beta2, _t));
        return _learningRate * mHat / (Math.Sqrt(vHat) + 1e-8);
    }
}
