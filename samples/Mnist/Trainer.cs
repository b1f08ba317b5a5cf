using System;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Mnist;

/// <summary>Mini-batch training of the <see cref="Mlp"/> with cross-entropy, and its validation.</summary>
public sealed class Trainer : IDisposable
{
    private const int ValidationChunk = 2048;
    private readonly Mlp _model;
    private readonly DigitDataSet _data;
    private readonly optim.Optimizer _optimizer;
    private readonly int _batchSize;
    private readonly Random _random;
    private readonly long[] _order;
    private int _cursor;

    /// <summary>Creates the optimizer over the model's registered parameters.</summary>
    public Trainer(Mlp model, DigitDataSet data, DigitClassifier.Optimizer optimizer, double learningRate, int batchSize, Random random)
    {
        _model = model;
        _data = data;
        _batchSize = Math.Min(batchSize, data.TrainCount);
        _random = random;
        _optimizer = optimizer == DigitClassifier.Optimizer.Sgd
            ? optim.SGD(model.parameters(), learningRate, momentum: 0.9)
            : optim.Adam(model.parameters(), learningRate);
        _order = new long[data.TrainCount];
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _cursor = _order.Length;
    }

    /// <summary>One gradient step on the next mini-batch (a fresh shuffle after each pass over the data).</summary>
    /// <returns>The batch's mean loss before the step.</returns>
    public double Step()
    {
        if (_cursor + _batchSize > _order.Length)
        {
            _random.Shuffle(_order);
            _cursor = 0;
        }

        using var scope = NewDisposeScope();
        _model.train();
        var indices = tensor(_order.AsSpan(_cursor, _batchSize).ToArray());
        _cursor += _batchSize;
        var loss = functional.cross_entropy(_model.forward(_data.TrainImages.index_select(0, indices)), _data.TrainLabels.index_select(0, indices));
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Mean loss and accuracy on the validation images, without dropout or gradients.</summary>
    public (double Loss, double Accuracy) Validate()
    {
        using var scope = NewDisposeScope();
        using var noGradients = no_grad();
        _model.eval();
        double lossSum = 0;
        long correct = 0;
        var count = _data.ValidationCount;
        for (var start = 0; start < count; start += ValidationChunk)
        {
            var length = Math.Min(ValidationChunk, count - start);
            var labels = _data.ValidationLabels.narrow(0, start, length);
            var logits = _model.forward(_data.ValidationImages.narrow(0, start, length));
            lossSum += functional.cross_entropy(logits, labels, reduction: Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(labels).sum().item<long>();
        }

        _model.train();
        return (lossSum / count, (double)correct / count);
    }

    /// <inheritdoc />
    public void Dispose() => _optimizer.Dispose();
}
