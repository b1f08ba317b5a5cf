using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sacred.Board.Tools;

namespace Sacred.Board.Api;

/// <summary>
/// <c>GET /api/runs/{id}/tensorboard</c>: the run's recorded TensorBoard log directories (<c>info.tensorflow.logdirs</c>,
/// where <see cref="TensorBoard.AddTensorBoardLogDir"/> and Sacred's LogFileWriter put them), whether
/// <c>tensorboard</c> is installed and the command to run. <c>POST</c> starts it on those directories on a free
/// loopback port (refused, like every change, without the CSRF header and under <c>--read-only</c>).
/// </summary>
internal static class TensorBoardApi
{
    public static void Map(WebApplication app, BoardState state)
    {
        var launcher = new TensorBoardLauncher(state.Options.ToolPath);
        app.Lifetime.ApplicationStopping.Register(launcher.Dispose);
        app.MapGet("/api/runs/{id:long}/tensorboard", (long id) => Describe(id, state, launcher));
        app.MapPost("/api/runs/{id:long}/tensorboard", (long id) => Start(id, state, launcher));
    }

    private static IResult Describe(long id, BoardState state, TensorBoardLauncher launcher) =>
        LogDirs(id, state) is { } dirs ? ApiResults.Json(Dto(id, dirs, launcher), BoardJsonContext.Default.TensorBoardDto) : ApiResults.NoRun(id);

    private static IResult Start(long id, BoardState state, TensorBoardLauncher launcher)
    {
        if (state.Curation is null)
        {
            return ApiResults.Error(StatusCodes.Status403Forbidden, "This board is read-only (started with --read-only): it starts no processes.");
        }

        if (LogDirs(id, state) is not { } dirs)
        {
            return ApiResults.NoRun(id);
        }

        var existing = new List<string>();
        foreach (var dir in dirs)
        {
            if (Directory.Exists(dir))
            {
                existing.Add(dir);
            }
        }

        if (existing.Count == 0)
        {
            return ApiResults.Error(
                StatusCodes.Status409Conflict,
                dirs.Count == 0 ? $"Run {id} recorded no TensorBoard log directory (info.tensorflow.logdirs)." : $"None of run {id}'s TensorBoard log directories exists on this machine.");
        }

        if (launcher.FindExecutable() is null)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, $"tensorboard is not on the PATH; install it (pip install tensorboard) or run: {TensorBoardLauncher.CommandLine(existing)}");
        }

        try
        {
            launcher.Start(id, existing);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return ApiResults.Error(StatusCodes.Status500InternalServerError, e.Message);
        }

        return ApiResults.Json(Dto(id, dirs, launcher), BoardJsonContext.Default.TensorBoardDto);
    }

    private static TensorBoardDto Dto(long id, List<string> dirs, TensorBoardLauncher launcher)
    {
        var logDirs = new List<LogDirDto>(dirs.Count);
        foreach (var dir in dirs)
        {
            logDirs.Add(new LogDirDto(dir, Directory.Exists(dir)));
        }

        return new TensorBoardDto(logDirs, launcher.FindExecutable(), dirs.Count == 0 ? "" : TensorBoardLauncher.CommandLine(dirs), launcher.Running(id)?.ToString());
    }

    /// <summary>The run's recorded log directories (strings only), or null when there is no such run.</summary>
    private static List<string>? LogDirs(long id, BoardState state)
    {
        if (state.Store.GetRun(id) is not { } run)
        {
            return null;
        }

        var dirs = new List<string>();
        var recorded = run.Info.Get(TensorBoard.InfoKey)?.Get(TensorBoard.LogDirsKey);
        foreach (var item in recorded?.Items ?? [])
        {
            if (item.Kind == ConfigNodeKind.String && item.StringValue.Length > 0 && !dirs.Contains(item.StringValue))
            {
                dirs.Add(item.StringValue);
            }
        }

        return dirs;
    }
}
