using Sacred;
using TorchSharp.Modules;
using static TorchSharp.torch.utils.tensorboard;

namespace Mnist;

/// <summary>TensorBoard writers that the run knows about.</summary>
public static class RunTensorBoard
{
    /// <summary>
    /// Creates a TorchSharp <c>SummaryWriter</c> for <paramref name="logDir"/> and records the directory in
    /// the run's <c>info["tensorflow"]["logdirs"]</c>, as Sacred's LogFileWriter does.
    /// </summary>
    public static SummaryWriter CreateSummaryWriter(this Run run, string logDir) =>
        SummaryWriter(run.AddTensorBoardLogDir(logDir));
}
