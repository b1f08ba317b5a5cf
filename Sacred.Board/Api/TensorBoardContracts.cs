using System.Collections.Generic;

namespace Sacred.Board.Api;

/// <summary>
/// A run's TensorBoard log directories (from <c>info.tensorflow.logdirs</c>), whether <c>tensorboard</c> is on the
/// PATH (<see cref="Executable"/>, null when not), the command to run by hand, and the address of the TensorBoard
/// this board started for the run, if any.
/// </summary>
internal sealed record TensorBoardDto(IReadOnlyList<LogDirDto> LogDirs, string? Executable, string Command, string? Url);

/// <summary>A recorded log directory and whether it exists on this machine.</summary>
internal sealed record LogDirDto(string Path, bool Exists);
