using System;
using System.Threading;
using Microsoft.Extensions.Logging;
using Sacred.Runtime.Tests.Fakes;
using Xunit;

namespace Sacred.Runtime.Tests.Running;

public sealed class RunCommandTests
{
    [Fact]
    public void Main_runs_by_default_and_logs_its_result()
    {
        var result = HostRun.Of(new FakeExperiment(), "-u", "with", "learning_rate=0.5", "batch_size=4");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal(
            "INFO - mnist - Running command 'train'\n" +
            "INFO - mnist - Started\n" +
            "INFO - mnist - Result: 2.0\n" +
            "INFO - mnist - Completed after 0:00:00\n",
            result.Error);
    }

    [Fact]
    public void Run_and_the_main_name_run_the_main_function()
    {
        Assert.Contains("Running command 'train'", HostRun.Of(new FakeExperiment(), "run").Error, StringComparison.Ordinal);
        Assert.Contains("Running command 'train'", HostRun.Of(new FakeExperiment(), "train").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_void_command_logs_no_result()
    {
        var result = HostRun.Of(new FakeExperiment(), "evaluate", "-u");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "INFO - mnist - Running command 'evaluate'\nINFO - mnist - Started\nINFO - mnist - Completed after 0:00:00\n",
            result.Error);
    }

    [Fact]
    public void Ingredient_commands_are_dotted()
    {
        var result = HostRun.Of(new FakeExperiment(), "dataset.stats");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("INFO - mnist - Result: \"stats\"\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_gets_a_run_that_describes_it()
    {
        var experiment = new FakeExperiment();
        Run? seen = null;
        Run? current = null;
        experiment.Handlers["evaluate"] = (state, run) =>
        {
            seen = run;
            current = Run.Current;
            return ConfigNode.From(state.ModelDepth);
        };

        var result = HostRun.Of(experiment, "evaluate", "-n", "renamed", "-c", "hello", "with", "seed=99", "model.depth=5");

        Assert.Equal(0, result.ExitCode);
        Assert.NotNull(seen);
        Assert.Same(seen, current);
        Assert.Null(Run.Current);
        Assert.Matches("^[0-9]+$", seen.Id);
        Assert.Contains($"INFO - renamed - Started run with ID \"{seen.Id}\"\n", result.Error, StringComparison.Ordinal);
        Assert.Equal("renamed", seen.ExperimentName);
        Assert.Equal("evaluate", seen.Command);
        Assert.Equal(99, seen.Seed);
        Assert.Equal(5, seen.Config.Get("model.depth")!.IntegerValue);
        Assert.Equal("hello", seen.Options.Comment);
        Assert.Equal("5", seen.Result!.ToLiteral());
        Assert.Contains("INFO - renamed - Running command 'evaluate'\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_command_exits_1_with_the_exception()
    {
        var experiment = new FakeExperiment();
        experiment.Handlers["train"] = (state, run) => throw new InvalidOperationException("boom");

        var result = HostRun.Of(experiment, "-u");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "INFO - mnist - Running command 'train'\n" +
            "INFO - mnist - Started\n" +
            "ERROR - mnist - Failed after 0:00:00!\n" +
            "System.InvalidOperationException: boom\n" +
            "   at ",
            result.Error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Completed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exception_is_printed_even_when_errors_are_not_logged()
    {
        var experiment = new FakeExperiment();
        experiment.Handlers["train"] = (state, run) => throw new InvalidOperationException("boom");

        var result = HostRun.Of(experiment, "-l", "CRITICAL");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("System.InvalidOperationException: boom\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Debug_lets_the_exception_propagate()
    {
        var experiment = new FakeExperiment();
        experiment.Handlers["train"] = (state, run) => throw new InvalidOperationException("boom");

        var error = Assert.Throws<InvalidOperationException>(() => HostRun.Of(experiment, "-d"));

        Assert.Equal("boom", error.Message);
    }

    [Fact]
    public void Cancellation_aborts_with_exit_130()
    {
        using var interrupt = new CancellationTokenSource();
        var experiment = new FakeExperiment();
        experiment.Handlers["train"] = (state, run) =>
        {
            interrupt.Cancel();
            run.CancellationToken.ThrowIfCancellationRequested();
            return null;
        };

        var result = HostRun.Of(experiment, interrupt.Token);

        Assert.Equal(130, result.ExitCode);
        Assert.EndsWith("WARNING - mnist - Aborted after 0:00:00!\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_inside_tasks_also_aborts()
    {
        using var interrupt = new CancellationTokenSource();
        var experiment = new FakeExperiment();
        experiment.Handlers["train"] = (state, run) =>
        {
            interrupt.Cancel();
            System.Threading.Tasks.Task.Run(() => run.CancellationToken.ThrowIfCancellationRequested(), CancellationToken.None).Wait();
            return null;
        };

        Assert.Equal(130, HostRun.Of(experiment, interrupt.Token).ExitCode);
    }

    [Fact]
    public void A_cancellation_nobody_asked_for_is_a_failure()
    {
        var experiment = new FakeExperiment();
        experiment.Handlers["train"] = (state, run) => throw new OperationCanceledException("timeout");

        var result = HostRun.Of(experiment);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ERROR - mnist - Failed after 0:00:00!\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Log_level_filters_the_run_lines()
    {
        var result = HostRun.Of(new FakeExperiment(), "-l", "WARNING");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Loggers_from_the_run_share_the_format_and_the_level()
    {
        var experiment = new FakeExperiment();
        experiment.Handlers["train"] = (state, run) =>
        {
            var logger = run.CreateLogger("mnist.train");
            logger.LogDebug("hidden at INFO");
            logger.LogInformation("epoch {Epoch} done", 3);
            logger.LogWarning("careful");
            return null;
        };

        var atInfo = HostRun.Of(experiment);
        var atDebug = HostRun.Of(experiment, "--loglevel=DEBUG");
        var atError = HostRun.Of(experiment, "-l", "40");

        Assert.Contains("INFO - mnist.train - epoch 3 done\nWARNING - mnist.train - careful\n", atInfo.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", atInfo.Error, StringComparison.Ordinal);
        Assert.Contains("DEBUG - mnist.train - hidden at INFO\n", atDebug.Error, StringComparison.Ordinal);
        Assert.Equal("", atError.Error);
    }

    [Fact]
    public void Queue_only_queues()
    {
        var experiment = new FakeExperiment();
        var called = false;
        experiment.Handlers["train"] = (state, run) => { called = true; return null; };

        var result = HostRun.Of(experiment, "-q");

        Assert.Equal(0, result.ExitCode);
        Assert.False(called);
        Assert.Matches("^INFO - mnist - Queued-up run with ID \"[0-9]+\"\n$", result.Error);
    }

    [Fact]
    public void Observer_flags_are_accepted()
    {
        var experiment = new FakeExperiment();
        RunOptions? options = null;
        experiment.Handlers["train"] = (state, run) => { options = run.Options; return null; };

        var result = HostRun.Of(experiment, "-u", "-F", "runs", "-m", "db", "--store", "store", "-i", "12", "-b", "0", "-C", "no", "-P", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.True(options!.Unobserved);
        Assert.Equal("runs", options.FileStorage);
        Assert.Equal("12", options.Id);
        Assert.Equal(0.0, options.BeatInterval);
    }

    [Fact]
    public void Enforce_clean_without_git_fails_before_running()
    {
        var experiment = new FakeExperiment();
        var called = false;
        experiment.Handlers["train"] = (state, run) => { called = true; return null; };

        var result = HostRun.Of(experiment, "-e");

        Assert.Equal(1, result.ExitCode);
        Assert.False(called);
        Assert.Equal(
            "error: no version control detected in '/nonexistent/sacred-test'; cannot enforce a clean repository (-e/--enforce_clean)\n",
            result.Error);
    }
}
