using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Sacred.Samples.Tests;

/// <summary>The QuickStart sample run as a user runs it: a separate process, real arguments, real exit codes.</summary>
public sealed class QuickStartTests
{
    private static ProcessOutcome QuickStart(params string[] args) =>
        Processes.Run("dotnet", new[] { Processes.QuickStartDll() }.Concat(args).ToArray(), Path.GetTempPath());

    [Fact]
    public void Fast_run_trains_well_above_chance_and_reports_its_result()
    {
        var outcome = QuickStart("with", "fast", "seed=1");

        Assert.Equal(0, outcome.ExitCode);
        var accuracy = double.Parse(outcome.Stderr.Split("Result: ")[1].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.7, 1.0);
        Assert.Contains("Completed after", outcome.Stderr);
    }

    [Fact]
    public void Same_seed_reproduces_the_same_result()
    {
        var first = QuickStart("with", "fast", "seed=42");
        var second = QuickStart("with", "fast", "seed=42");

        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void Config_file_named_configs_and_updates_apply_in_sacred_order()
    {
        var outcome = QuickStart("print_config", "with", "tiny", "model.width=9", "optimizer=sgd");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("learning_rate = 0.02", outcome.Stdout);
        Assert.Contains("steps = 20", outcome.Stdout);
        Assert.Contains("depth = 1", outcome.Stdout);
        Assert.Contains("width = 9", outcome.Stdout);
        Assert.Contains("optimizer = \"sgd\"", outcome.Stdout);
    }

    [Fact]
    public void Second_command_runs_with_injected_config()
    {
        var outcome = QuickStart("describe", "with", "samples=100");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("100 examples, 50 positive, 50 negative", outcome.Stdout);
    }

    [Theory]
    [InlineData("with", "learning_rat=0.1")]
    [InlineData("with", "optimizer=adagrad")]
    [InlineData("with", "stpes=3")]
    [InlineData("trian")]
    [InlineData("with", "fsat")]
    [InlineData("-C", "tee")]
    public void Usage_errors_exit_2_with_one_line(params string[] args)
    {
        var outcome = QuickStart(args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(outcome.Stdout);
    }
}
