using System;
using Sacred.Runtime.Tests.Fakes;
using Xunit;

namespace Sacred.Runtime.Tests.CommandLine;

public sealed class HelpTests
{
    [Fact]
    public void Help_starts_with_the_usage_and_the_description()
    {
        var result = HostRun.Of(new FakeExperiment(), "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(
            """
            Usage:
              mnist-app [COMMAND] [with UPDATE...] [options]
              mnist-app help [COMMAND]
              mnist-app (-h | --help)

            Trains a small MLP on synthetic data.

            Options:
              -b, --beat-interval=SECONDS  Heartbeat interval in seconds (0 or less disables heartbeats).

            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Theory]
    [InlineData("  -F, --file_storage=BASEDIR   Record the run in a Sacred file storage under BASEDIR.\n")]
    [InlineData("  -m, --mongo_db=DB            ")]
    [InlineData("  -u, --unobserved             ")]
    [InlineData("  -q, --queue                  ")]
    [InlineData("  -c, --comment=TEXT           ")]
    [InlineData("  -n, --name=NAME              ")]
    [InlineData("  -i, --id=ID                  ")]
    [InlineData("  -C, --capture=MODE           How stdout and stderr are captured: fd, sys or no.\n")]
    [InlineData("  -l, --loglevel=LEVEL         ")]
    [InlineData("  -p, --print-config           ")]
    [InlineData("  -e, --enforce_clean          ")]
    [InlineData("  -f, --force                  ")]
    [InlineData("  -P, --priority=PRIORITY      ")]
    [InlineData("  -d, --debug                  ")]
    [InlineData("      --store=DIR              ")]
    [InlineData("      --color                  ")]
    [InlineData("  -h, --help                   Print this help and exit.\n")]
    public void Help_lists_every_flag(string line)
    {
        Assert.Contains(line, HostRun.Of(new FakeExperiment(), "help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_arguments_commands_named_configs_and_keys()
    {
        var text = HostRun.Of(new FakeExperiment(), "-h").Out;

        Assert.Contains(
            """

            Arguments:
              COMMAND  The command to run (default: the main function).
              UPDATE   A config update: key=value, dotted.key=value, a named config or a .json file of values.

            Commands:
              train                Trains the model. (default)
              evaluate             Evaluates a checkpoint.
              dataset.stats
              run                  Run the main function (train); the default command.
              print_config         Print the updated configuration and exit.
              print_dependencies   Print the dependencies, sources and git state of the experiment.
              print_named_configs  Print the available named configurations and exit.
              save_config          Save the updated configuration as JSON to config.json, or to the file given as config_filename=FILE.
              worker               Claim QUEUED runs of this build from the store and run them (options: worker --help).
              sweep                Queue a run per config: lr=0.1,0.01 gives a grid; --random N draws from lists and ranges (0.1..0.5, log:1e-4..1e-1, int:1..4).
              help                 Print the usage, or the help of one command.

            Named configs:
              fast      Few steps, for smoke tests
              full

            Config keys:
              batch_size     int        Examples per step.
              epochs         int        Passes over the data. (derived, not settable)
              layers         List<int>
              learning_rate  double     Optimizer step size.
              model.depth    int        Number of hidden layers.
              model.width    int
              optimizer      Optimizer  The optimizer. One of: adam, sgd.
              seed           int        the random seed for this experiment
              tag            string?    A tag with a rather long documentation text.
              timeout        TimeSpan

            """.ReplaceLineEndings("\n"),
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Short_command_names_are_padded_to_eight()
    {
        var experiment = new FakeExperiment();
        experiment.CommandList.Clear();
        experiment.CommandList.Add(new("go", "Goes.", "static void Go()", IsMain: true));

        Assert.Contains("\n  go                   Goes. (default)\n", HostRun.Of(experiment, "help").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_for_a_command_prints_its_signature_and_doc()
    {
        var result = HostRun.Of(new FakeExperiment(), "help", "train");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "train: static double Train(double learningRate, int batchSize)\n\n    Trains the model.\n    Longer description.\n",
            result.Out);
    }

    [Fact]
    public void Help_flag_after_a_command_prints_that_commands_help()
    {
        Assert.Equal("evaluate: static void Evaluate(string checkpoint)\n\n    Evaluates a checkpoint.\n", HostRun.Of(new FakeExperiment(), "evaluate", "--help").Out);
    }

    [Fact]
    public void Help_for_a_built_in_command()
    {
        Assert.Equal(
            "save_config: save_config [with UPDATE... config_filename=FILE]\n\n    Save the updated configuration as JSON to config.json, or to the file given as config_filename=FILE.\n",
            HostRun.Of(new FakeExperiment(), "help", "save_config").Out);
    }

    [Fact]
    public void Help_does_not_validate_updates()
    {
        Assert.Equal(0, HostRun.Of(new FakeExperiment(), "-h", "with", "nonsense=1").ExitCode);
    }
}
