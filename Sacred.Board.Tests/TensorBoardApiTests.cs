using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Board.Tests;

/// <summary>
/// TensorBoard from the board: the log directories a run recorded (info.tensorflow.logdirs), and starting a real
/// process (a fake <c>tensorboard</c> script on the board's PATH that records its arguments) or, where there is none,
/// the command to run.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TensorBoardApiTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-board-tensorboard-" + Guid.NewGuid().ToString("N"));
    private readonly string _store;
    private readonly string _tools;
    private readonly string _empty;
    private readonly string[] _logDirs;
    private readonly long _withLogs;
    private readonly long _withoutLogs;

    public TensorBoardApiTests()
    {
        _store = Path.Combine(_root, "store");
        _tools = Path.Combine(_root, "bin");
        _empty = Path.Combine(_root, "empty-bin");
        Directory.CreateDirectory(_store);
        Directory.CreateDirectory(_tools);
        Directory.CreateDirectory(_empty);
        _logDirs = [Path.Combine(_root, "runs", "train"), Path.Combine(_root, "runs", "eval"), Path.Combine(_root, "gone", "old")];
        Directory.CreateDirectory(_logDirs[0]);
        Directory.CreateDirectory(_logDirs[1]);
        _withLogs = new RecordedRun { LogDirs = _logDirs }.RecordInto(_store);
        _withoutLogs = new RecordedRun().RecordInto(_store);

        // Records its arguments and process id, then stays up as a server would, until the board stops it.
        var script = Path.Combine(_tools, "tensorboard");
        File.WriteAllText(script, $"#!/bin/sh\necho $$ > '{_root}/pid'\nprintf '%s\\n' \"$@\" > '{_root}/args.tmp' && mv '{_root}/args.tmp' '{_root}/args'\nexec sleep 120\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<BoardServer> Board(string toolPath, bool readOnly = false) =>
        BoardServer.StartAsync(new BoardOptions { StoreDirectory = _store, Port = 0, ToolPath = toolPath, ReadOnly = readOnly });

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Call(HttpClient http, HttpMethod method, string path, bool csrf = true)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && csrf)
        {
            using var session = await http.GetAsync("/api/session");
            request.Headers.Add("X-Sacred-Board", JsonDocument.Parse(await session.Content.ReadAsStringAsync()).RootElement.GetProperty("csrf").GetString());
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : JsonDocument.Parse(JsonSerializer.Serialize(new { error = text })).RootElement.Clone());
    }

    [Fact]
    public async Task Where_tensorboard_is_installed_one_POST_starts_it_on_the_existing_logdirs_on_a_free_loopback_port()
    {
        var server = await Board(_tools);
        using var http = new HttpClient { BaseAddress = server.Url };
        string pid;
        try
        {
            var (status, state) = await Call(http, HttpMethod.Get, $"/api/runs/{_withLogs}/tensorboard");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(_logDirs, state.GetProperty("logDirs").EnumerateArray().Select(d => d.GetProperty("path").GetString()));
            Assert.Equal([true, true, false], state.GetProperty("logDirs").EnumerateArray().Select(d => d.GetProperty("exists").GetBoolean()));
            Assert.Equal(Path.Combine(_tools, "tensorboard"), state.GetProperty("executable").GetString());
            Assert.Equal(JsonValueKind.Null, state.GetProperty("url").ValueKind);

            var (refused, _) = await Call(http, HttpMethod.Post, $"/api/runs/{_withLogs}/tensorboard", csrf: false);
            Assert.Equal(HttpStatusCode.Forbidden, refused);
            Assert.False(File.Exists(Path.Combine(_root, "args")));

            var (started, body) = await Call(http, HttpMethod.Post, $"/api/runs/{_withLogs}/tensorboard");
            Assert.Equal(HttpStatusCode.OK, started);
            var url = new Uri(body.GetProperty("url").GetString()!);
            Assert.Equal("127.0.0.1", url.Host);
            var arguments = await WaitForLines(Path.Combine(_root, "args"));
            Assert.Equal(["--logdir_spec", $"train:{_logDirs[0]},eval:{_logDirs[1]}", "--host", "127.0.0.1", "--port", url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], arguments);
            pid = (await WaitForLines(Path.Combine(_root, "pid")))[0];
            Assert.True(Directory.Exists("/proc/" + pid));

            // Asked again: the same TensorBoard, not a second one.
            var (_, again) = await Call(http, HttpMethod.Post, $"/api/runs/{_withLogs}/tensorboard");
            Assert.Equal(url.ToString(), again.GetProperty("url").GetString());
            Assert.Equal(url.ToString(), (await Call(http, HttpMethod.Get, $"/api/runs/{_withLogs}/tensorboard")).Body.GetProperty("url").GetString());
        }
        finally
        {
            await server.DisposeAsync();
        }

        // Stopping the board stops the TensorBoard it started.
        for (var i = 0; i < 100 && IsAlive(pid); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(IsAlive(pid), "the TensorBoard process outlived the board");
    }

    [Fact]
    public async Task Where_it_is_not_installed_the_board_says_so_and_shows_the_command()
    {
        await using var server = await Board(_empty);
        using var http = new HttpClient { BaseAddress = server.Url };
        var (_, state) = await Call(http, HttpMethod.Get, $"/api/runs/{_withLogs}/tensorboard");
        Assert.Equal(JsonValueKind.Null, state.GetProperty("executable").ValueKind);
        var command = state.GetProperty("command").GetString()!;
        Assert.Equal($"tensorboard --logdir_spec train:{_logDirs[0]},eval:{_logDirs[1]},old:{_logDirs[2]} --host 127.0.0.1 --port 6006", command);

        var (status, body) = await Call(http, HttpMethod.Post, $"/api/runs/{_withLogs}/tensorboard");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("not on the PATH", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains($"--logdir_spec train:{_logDirs[0]},eval:{_logDirs[1]} ", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_logdirs_and_a_read_only_board_start_nothing()
    {
        await using (var server = await Board(_tools))
        {
            using var http = new HttpClient { BaseAddress = server.Url };
            var (_, state) = await Call(http, HttpMethod.Get, $"/api/runs/{_withoutLogs}/tensorboard");
            Assert.Empty(state.GetProperty("logDirs").EnumerateArray());
            var (status, body) = await Call(http, HttpMethod.Post, $"/api/runs/{_withoutLogs}/tensorboard");
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Contains("recorded no TensorBoard log directory", body.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await Call(http, HttpMethod.Get, "/api/runs/999/tensorboard")).Status);
        }

        await using (var server = await Board(_tools, readOnly: true))
        {
            using var http = new HttpClient { BaseAddress = server.Url };
            Assert.Equal(HttpStatusCode.Forbidden, (await Call(http, HttpMethod.Post, $"/api/runs/{_withLogs}/tensorboard")).Status);
        }

        Assert.False(File.Exists(Path.Combine(_root, "args")));
    }

    private static bool IsAlive(string pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);

    private static async Task<string[]> WaitForLines(string file)
    {
        for (var i = 0; i < 200 && !File.Exists(file); i++)
        {
            await Task.Delay(50);
        }

        return File.ReadAllLines(file);
    }
}
