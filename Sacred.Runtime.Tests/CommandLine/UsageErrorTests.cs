using Sacred.Runtime.Tests.Fakes;
using Xunit;

namespace Sacred.Runtime.Tests.CommandLine;

public sealed class UsageErrorTests
{
    [Theory]
    [InlineData("error: unknown config key 'lerning_rate' in 'lerning_rate=0.1'; did you mean 'learning_rate'? (see print_config for all keys)", "with", "lerning_rate=0.1")]
    [InlineData("error: 'epochs' is derived from other values and cannot be set (in 'epochs=3')", "with", "epochs=3")]
    [InlineData("error: invalid value 'abc' for 'model.depth' (int) in 'model.depth=abc'", "with", "model.depth=abc")]
    [InlineData("error: invalid value 'adamw' for 'optimizer' (Optimizer) in 'optimizer=adamw'; valid values: adam, sgd", "with", "optimizer=adamw")]
    [InlineData("error: unknown named config 'fsat'; did you mean 'fast'? Named configs: fast, full", "with", "fsat")]
    [InlineData("error: unknown command 'trian'; did you mean 'train'? Commands: dataset.stats, evaluate, help, print_config, print_dependencies, print_named_configs, run, save_config, sweep, train, worker", "trian")]
    [InlineData("error: unknown command 'xyz'; Commands: dataset.stats, evaluate, help, print_config, print_dependencies, print_named_configs, run, save_config, sweep, train, worker", "xyz")]
    [InlineData("error: unknown option '--unobserverd'; did you mean '--unobserved'? (see --help)", "--unobserverd")]
    [InlineData("error: option -F/--file_storage needs a value (BASEDIR)", "train", "-F")]
    [InlineData("error: invalid value 'xx' for -C/--capture; valid values: fd, sys, no", "-C", "xx")]
    [InlineData("error: invalid value 'x' for -P/--priority; the PRIORITY argument must be a number", "-P", "x")]
    [InlineData("error: invalid value 'soon' for -b/--beat-interval; expected a number of seconds", "-b", "soon")]
    [InlineData("error: cannot read updates file 'v2.json': file not found", "with", "v2.json")]
    [InlineData("error: unknown config key 'config_filename' in 'config_filename=x.json' (see print_config for all keys)", "with", "config_filename=x.json")]
    [InlineData("error: unknown command 'trian'; did you mean 'train'? Commands: dataset.stats, evaluate, help, print_config, print_dependencies, print_named_configs, run, save_config, sweep, train, worker", "help", "trian")]
    [InlineData("error: unexpected argument 'extra'; config updates go after 'with', e.g. 'with extra'", "evaluate", "extra")]
    public void One_line_on_stderr_exit_code_2_and_nothing_runs(string expected, params string[] args)
    {
        var experiment = new FakeExperiment();
        var called = false;
        foreach (var name in new[] { "train", "evaluate" })
        {
            experiment.Handlers[name] = (state, run) => { called = true; return null; };
        }

        var result = HostRun.Of(experiment, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected + "\n", result.Error);
        Assert.Equal("", result.Out);
        Assert.False(called);
    }

    [Fact]
    public void Without_a_main_function_a_command_is_needed()
    {
        var experiment = new FakeExperiment();
        experiment.CommandList.RemoveAt(0);

        var none = HostRun.Of(experiment);
        var run = HostRun.Of(experiment, "run");

        Assert.Equal(2, none.ExitCode);
        Assert.Equal(
            "error: no command given, and the experiment has no main function; commands: dataset.stats, evaluate, help, print_config, print_dependencies, print_named_configs, save_config, sweep, worker\n",
            none.Error);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: 'run' runs the main function, and the experiment has no main function; commands: ", run.Error, System.StringComparison.Ordinal);
    }
}
