using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Mnist;

/// <summary>
/// A multilayer perceptron: input → hidden (ReLU, dropout) → class scores. Submodules are registered by name with
/// <c>register_module</c>, not found by reflection, so its parameters train under Native AOT too.
/// </summary>
public sealed class Mlp : Module<Tensor, Tensor>
{
    private readonly Linear _hidden;
    private readonly Dropout _dropout;
    private readonly Linear _output;

    /// <summary>Creates the layers with torch's initialization (seeded by the run).</summary>
    /// <param name="inputs">Input features.</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="dropout">Dropout probability after the hidden layer, in training mode.</param>
    /// <param name="outputs">Classes.</param>
    public Mlp(int inputs, int hidden, double dropout, int outputs)
        : base(nameof(Mlp))
    {
        _hidden = Linear(inputs, hidden);
        _dropout = Dropout(dropout);
        _output = Linear(hidden, outputs);
        register_module("hidden", _hidden);
        register_module("dropout", _dropout);
        register_module("output", _output);
    }

    /// <summary>Class scores (logits) for a batch of flattened images.</summary>
    /// <remarks>Intermediate tensors are left to the caller's dispose scope.</remarks>
    public override Tensor forward(Tensor input) =>
        _output.forward(_dropout.forward(functional.relu(_hidden.forward(input))));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hidden.Dispose();
            _dropout.Dispose();
            _output.Dispose();
        }

        base.Dispose(disposing);
    }
}
