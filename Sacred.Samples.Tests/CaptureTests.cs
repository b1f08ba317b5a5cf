using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>
/// Output capture with real processes (the capture probe in tests/fixtures): what the record holds compared with what
/// the terminal, the pipe or the file got, on a real pseudo-terminal, and when the terminal goes away.
/// </summary>
public sealed class CaptureTests : IDisposable
{
    private const string Escape = "\u001b";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "sacred-capture-" + Guid.NewGuid().ToString("N"));

    public CaptureTests() => Directory.CreateDirectory(_root);

    private string Store => Path.Combine(_root, "store");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData(50, "pipe")]
    [InlineData(100, "pipe")]
    [InlineData(50, "file")]
    [InlineData(100, "file")]
    public void Printf_output_is_recorded_byte_for_byte_as_the_pipe_or_file_got_it(int lines, string stdout)
    {
        var expected = string.Concat(Enumerable.Range(0, lines).Select(line => $"printf line {line}\n"));
        var file = Path.Combine(_root, "stdout.txt");
        var probe = new[] { "dotnet", Processes.CaptureProbeDll(), "with", $"lines={lines}", "--store", Store };
        var outcome = stdout == "pipe"
            ? Processes.Run(probe[0], probe[1..])
            : Processes.Run("sh", ["-c", "exec \"$@\" > \"$0\"", file, .. probe]);
        var got = stdout == "pipe" ? outcome.Stdout : File.ReadAllText(file);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(expected, got);
        AssertMergeOf(RecordedOutput(), got, outcome.Stderr);
    }

    [Fact]
    public void Partial_lines_on_stdout_and_stderr_stay_apart_and_a_redrawn_line_keeps_only_its_last_state()
    {
        var outcome = Processes.Run("dotnet", [Processes.CaptureProbeDll(), "interleave", "with", "rounds=10", "pause_ms=20", "--store", Store]);

        Assert.Equal(0, outcome.ExitCode);
        var record = RecordedOutput();
        Assert.DoesNotContain('\r', record);
        AssertMergeOf(record, "progress 10/10\n", outcome.Stderr);
    }

    [Fact]
    public void On_a_terminal_the_program_sees_one_the_window_gets_the_live_bytes_and_the_record_the_final_text_of_each_line()
    {
        using var terminal = ScriptTerminal.Start($"exec dotnet {ScriptTerminal.Quote(Processes.CaptureProbeDll())} terminal with rounds=3", Store);

        Assert.Equal(0, terminal.WaitForExit(TimeSpan.FromMinutes(1)));
        var shown = terminal.Shown;
        Assert.Contains($"{Escape}[1;32mgreen{Escape}[0m and {Escape}[38;5;208morange{Escape}[m", shown, StringComparison.Ordinal);
        Assert.Contains($"\r{Escape}[2Kstep 2/3 {Escape}[36m##{Escape}[0m\r{Escape}[2Kstep 3/3", shown, StringComparison.Ordinal);
        var record = RecordedOutput().Split('\n');
        Assert.Equal(
            [
                "INFO - probe - Running command 'terminal'",
                "INFO - probe - Started run with ID \"1\"",
                "stdout terminal: True, stderr terminal: True, redirected: False, window: 100x30",
                "green and orange",
                "step 3/3 ###",
                "to stderr",
            ],
            record[..6]);
        Assert.StartsWith("INFO - probe - Completed after 0:00:", record[6], StringComparison.Ordinal);
        Assert.Equal(8, record.Length);
        Assert.Equal(string.Empty, record[7]);
    }

    [Fact]
    public void A_spectre_progress_bar_stays_live_on_a_terminal_and_is_recorded_as_its_last_frame()
    {
        using var terminal = ScriptTerminal.Start($"exec dotnet {ScriptTerminal.Quote(Processes.CaptureProbeDll())} bar with rounds=20", Store);

        Assert.Equal(0, terminal.WaitForExit(TimeSpan.FromMinutes(1)));
        Assert.Contains($"{Escape}[?25l", terminal.Shown, StringComparison.Ordinal);
        var record = RecordedOutput();
        Assert.Contains("ansi: True, interactive: True, redirected: False\n", record, StringComparison.Ordinal);
        var bar = Assert.Single(record.Split('\n'), line => line.Contains("training", StringComparison.Ordinal));
        Assert.EndsWith("100%", bar.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, record, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', record);
    }

    [Fact]
    public void Closing_the_terminal_records_the_run_as_interrupted_with_every_point_and_every_line()
    {
        using var terminal = ScriptTerminal.Start(
            $"exec env --default-signal=HUP dotnet {ScriptTerminal.Quote(Processes.CaptureProbeDll())} loop with pause_ms=5 -b 0.2", Store);
        WaitForPoints(minimum: 100);

        terminal.Close();

        AssertInterruptedWithEverything(WaitUntilEnded());
    }

    [Fact]
    public void Sighup_without_a_terminal_records_the_run_as_interrupted_with_every_point_and_every_line()
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--default-signal=HUP", "dotnet", Processes.CaptureProbeDll(), "loop", "with", "pause_ms=5", "-b", "0.2", "--store", Store })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            WaitForPoints(minimum: 100);
            using (var kill = Process.Start("kill", ["-HUP", process.Id.ToString(CultureInfo.InvariantCulture)])!)
            {
                kill.WaitForExit();
            }

            Assert.True(process.WaitForExit(60_000), "the run did not stop after SIGHUP");
            Assert.Equal(130, process.ExitCode);
            AssertInterruptedWithEverything(WaitUntilEnded());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    /// <summary>
    /// The record holds each line of <paramref name="stdout"/> and of <paramref name="stderr"/> whole, each stream's
    /// in its order, and nothing else.
    /// </summary>
    private static void AssertMergeOf(string record, string stdout, string stderr)
    {
        var outLines = Lines(stdout);
        var errorLines = Lines(stderr);
        int nextOut = 0, nextError = 0;
        foreach (var line in Lines(record))
        {
            if (nextOut < outLines.Count && line == outLines[nextOut])
            {
                nextOut++;
            }
            else if (nextError < errorLines.Count && line == errorLines[nextError])
            {
                nextError++;
            }
            else
            {
                Assert.Fail($"recorded line {Show(line)} is neither stdout's next line {Show(outLines.ElementAtOrDefault(nextOut))} nor stderr's {Show(errorLines.ElementAtOrDefault(nextError))}; record:\n{record}");
            }
        }

        Assert.True(nextOut == outLines.Count && nextError == errorLines.Count, $"not recorded: stdout from line {nextOut}, stderr from line {nextError}; record:\n{record}");
    }

    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    private static string Show(string? line) => line is null ? "(none)" : "\"" + line.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\"";

    /// <summary>INTERRUPTED, with every point logged (steps 0..n-1), every line printed for them, and the lines
    /// printed after the signal.</summary>
    private void AssertInterruptedWithEverything(RunDetail run)
    {
        Assert.Equal("INTERRUPTED", run.Summary.Status);
        using var store = RunStore.Open(Store);
        var points = store.GetMetric(run.Summary.Id, "probe.step", int.MaxValue)!.Points;
        var count = points.Count;
        Assert.True(count >= 100, $"{count} points");
        Assert.Equal(Enumerable.Range(0, count).Select(step => (long)step), points.Select(point => point.Step));
        Assert.Equal(Enumerable.Range(0, count).Select(step => (double)step), points.Select(point => point.Value));
        var lines = store.ReadOutput(run.Summary.Id, 0, int.MaxValue)!.Text.Split('\n');
        Assert.Equal(Enumerable.Range(0, count).Select(step => $"line {step}"), lines.Where(line => line.StartsWith("line ", StringComparison.Ordinal)));
        Assert.Contains($"stopping at step {count}", lines);
        Assert.Contains(lines, line => line.StartsWith("WARNING - probe - Aborted after", StringComparison.Ordinal));
    }

    private string RecordedOutput()
    {
        using var store = RunStore.Open(Store);
        var run = Assert.Single(store.ListRuns(new RunQuery()).Runs);
        return store.ReadOutput(run.Id, 0, int.MaxValue)!.Text;
    }

    /// <summary>Polls the store until the only run has flushed at least <paramref name="minimum"/> points.</summary>
    private void WaitForPoints(long minimum)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Thread.Sleep(100);
            if (!File.Exists(Path.Combine(Store, "runs.db")))
            {
                continue;
            }

            using var store = RunStore.Open(Store);
            var run = store.ListRuns(new RunQuery()).Runs.FirstOrDefault();
            if (run is not null && store.GetRun(run.Id)!.Metrics.FirstOrDefault(m => m.Name == "probe.step") is { } steps && steps.Count >= minimum)
            {
                return;
            }
        }

        throw new TimeoutException("the run flushed too few points in time");
    }

    /// <summary>Polls the store until the only run is no longer RUNNING.</summary>
    private RunDetail WaitUntilEnded()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var store = RunStore.Open(Store);
            var run = store.GetRun(Assert.Single(store.ListRuns(new RunQuery()).Runs).Id)!;
            if (run.Summary.Status != "RUNNING" || DateTime.UtcNow > deadline)
            {
                return run;
            }

            Thread.Sleep(100);
        }
    }
}
