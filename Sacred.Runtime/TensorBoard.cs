using System;
using System.Collections.Generic;
using System.IO;

namespace Sacred;

/// <summary>
/// Records where a run writes TensorBoard event files, in the place Sacred's <c>LogFileWriter</c> puts them:
/// <c>info["tensorflow"]["logdirs"]</c>, a list with one entry per writer created. Works with any TensorBoard
/// writer (TorchSharp's <c>SummaryWriter</c>, TensorFlow.NET's) and needs no reflection.
/// </summary>
public static class TensorBoard
{
    /// <summary>The <see cref="Run.Info"/> key Sacred keeps TensorBoard information under.</summary>
    public const string InfoKey = "tensorflow";

    /// <summary>The key of the log directory list inside <c>info["tensorflow"]</c>.</summary>
    public const string LogDirsKey = "logdirs";

    /// <summary>
    /// Appends <paramref name="logDir"/>, made absolute, to <c>info["tensorflow"]["logdirs"]</c>; call it when a
    /// writer is created for that directory. Other entries under <c>info["tensorflow"]</c> are kept.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="logDir">The writer's log directory.</param>
    /// <returns>The absolute path recorded, to pass to the writer.</returns>
    public static string AddTensorBoardLogDir(this Run run, string logDir)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrEmpty(logDir);
        var full = Path.GetFullPath(logDir);
        run.Info.Update(InfoKey, current =>
        {
            var tensorflow = current is { Kind: ConfigNodeKind.Object } ? current : ConfigNode.EmptyObject;
            var logDirs = new List<ConfigNode>(tensorflow.Get(LogDirsKey)?.Items ?? []) { ConfigNode.From(full) };
            return tensorflow.WithValue(LogDirsKey, ConfigNode.FromItems([.. logDirs]));
        });
        return full;
    }
}
