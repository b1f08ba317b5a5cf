using System;
using Sacred.CommandLine;
using Xunit;

namespace Sacred.Runtime.Tests.CommandLine;

public sealed class CommandLineParserTests
{
    private static ParsedCommandLine Parse(params string[] args) => CommandLineParser.Parse(args);

    private static string Error(params string[] args) => Assert.Throws<UsageException>(() => CommandLineParser.Parse(args)).Message;

    [Fact]
    public void Empty_command_line_runs_the_default_command()
    {
        var parsed = Parse();

        Assert.Null(parsed.Command);
        Assert.Empty(parsed.Updates);
        Assert.False(parsed.Options.Force);
        Assert.Null(parsed.Options.FileStorage);
    }

    [Fact]
    public void Command_updates_and_options_anywhere()
    {
        var parsed = Parse("-u", "train", "with", "lr=0.1", "-F", "runs", "model.depth=3", "fast", "--name=demo");

        Assert.Equal("train", parsed.Command);
        Assert.Equal(["lr=0.1", "model.depth=3", "fast"], parsed.Updates);
        Assert.True(parsed.Options.Unobserved);
        Assert.Equal("runs", parsed.Options.FileStorage);
        Assert.Equal("demo", parsed.Options.Name);
        Assert.Equal("train", parsed.Options.Command);
        Assert.Equal(parsed.Updates, parsed.Options.Updates);
    }

    [Fact]
    public void With_without_a_command()
    {
        var parsed = Parse("with", "a=1");

        Assert.Null(parsed.Command);
        Assert.Equal(["a=1"], parsed.Updates);
    }

    [Fact]
    public void Every_flag_lands_in_run_options()
    {
        var options = Parse(
            "-F", "fs", "-m", "localhost:27017:db", "-u", "-q", "-c", "a comment", "-n", "name", "-i", "7", "-b", "2.5",
            "-C", "sys", "-l", "DEBUG", "-p", "-e", "-f", "-P", "3", "-d", "--store", "store", "--color").Options;

        Assert.Equal("fs", options.FileStorage);
        Assert.Equal("localhost:27017:db", options.MongoDb);
        Assert.True(options.Unobserved);
        Assert.True(options.Queue);
        Assert.Equal("a comment", options.Comment);
        Assert.Equal("name", options.Name);
        Assert.Equal("7", options.Id);
        Assert.Equal(2.5, options.BeatInterval);
        Assert.Equal(CaptureMode.Sys, options.Capture);
        Assert.Equal("DEBUG", options.LogLevel);
        Assert.True(options.PrintConfig);
        Assert.True(options.EnforceClean);
        Assert.True(options.Force);
        Assert.Equal(3.0, options.Priority);
        Assert.True(options.Debug);
        Assert.Equal("store", options.Store);
        Assert.True(options.Color);
        Assert.False(options.Help);
    }

    [Fact]
    public void Long_forms_with_equals_or_space_and_either_separator()
    {
        var options = Parse(
            "--file_storage", "a", "--mongo_db=b", "--beat-interval=1", "--beat_interval", "4", "--print_config",
            "--capture", "NO", "--loglevel=30", "--enforce-clean", "--priority=-1.5", "--comment=", "--help").Options;

        Assert.Equal("a", options.FileStorage);
        Assert.Equal("b", options.MongoDb);
        Assert.Equal(4.0, options.BeatInterval);
        Assert.True(options.PrintConfig);
        Assert.Equal(CaptureMode.No, options.Capture);
        Assert.Equal("30", options.LogLevel);
        Assert.True(options.EnforceClean);
        Assert.Equal(-1.5, options.Priority);
        Assert.Equal("", options.Comment);
        Assert.True(options.Help);
    }

    [Fact]
    public void Grouped_short_flags_and_attached_values()
    {
        var options = Parse("-upf", "-Fruns", "-b-1").Options;

        Assert.True(options.Unobserved);
        Assert.True(options.PrintConfig);
        Assert.True(options.Force);
        Assert.Equal("runs", options.FileStorage);
        Assert.Equal(-1.0, options.BeatInterval);
    }

    [Fact]
    public void Negative_number_is_a_value_not_a_flag()
    {
        Assert.Equal(-2.0, Parse("-P", "-2").Options.Priority);
    }

    [Fact]
    public void Double_dash_ends_the_options()
    {
        var parsed = Parse("train", "with", "--", "name=-x", "-u");

        Assert.Equal(["name=-x", "-u"], parsed.Updates);
        Assert.False(parsed.Options.Unobserved);
    }

    [Fact]
    public void Help_with_a_topic()
    {
        var parsed = Parse("help", "evaluate");

        Assert.Equal("help", parsed.Command);
        Assert.Equal("evaluate", parsed.HelpTopic);
    }

    [Fact]
    public void Last_repeated_value_wins()
    {
        Assert.Equal("b", Parse("-n", "a", "--name", "b").Options.Name);
    }

    [Fact]
    public void Unknown_long_option_suggests_the_close_one()
    {
        Assert.Equal("unknown option '--forse'; did you mean '--force'? (see --help)", Error("--forse"));
        Assert.Equal("unknown option '--xyzzy' (see --help)", Error("train", "--xyzzy"));
    }

    [Fact]
    public void Unknown_short_option()
    {
        Assert.Equal("unknown option '-x' (see --help)", Error("-x"));
        Assert.Equal("unknown option '-x' in '-ux' (see --help)", Error("-ux"));
    }

    [Fact]
    public void Option_without_its_value()
    {
        Assert.Equal("option -F/--file_storage needs a value (BASEDIR)", Error("-F"));
        Assert.Equal("option -n/--name needs a value (NAME)", Error("--name", "-u"));
        Assert.Equal("option --store needs a value (DIR)", Error("--store", "--force"));
    }

    [Fact]
    public void Flag_given_a_value()
    {
        Assert.Equal("option -u/--unobserved takes no value (in '--unobserved=yes')", Error("--unobserved=yes"));
    }

    [Theory]
    [InlineData("-b", "xx", "invalid value 'xx' for -b/--beat-interval; expected a number of seconds")]
    [InlineData("-b", "inf", "invalid value 'inf' for -b/--beat-interval; expected a number of seconds")]
    [InlineData("-P", "high", "invalid value 'high' for -P/--priority; the PRIORITY argument must be a number")]
    [InlineData("-C", "xx", "invalid value 'xx' for -C/--capture; valid values: fd, sys, no")]
    [InlineData("-l", "LOUD", "invalid value 'LOUD' for -l/--loglevel; valid values: DEBUG, INFO, WARNING, ERROR, CRITICAL or a number 0-50")]
    [InlineData("-l", "60", "invalid value '60' for -l/--loglevel; valid values: DEBUG, INFO, WARNING, ERROR, CRITICAL or a number 0-50")]
    public void Bad_option_values_name_the_flag_and_what_is_valid(string flag, string value, string message)
    {
        Assert.Equal(message, Error(flag, value));
    }

    [Fact]
    public void Stray_argument_before_with()
    {
        Assert.Equal("unexpected argument 'lr=0.1'; config updates go after 'with', e.g. 'with lr=0.1'", Error("train", "lr=0.1"));
    }

    [Fact]
    public void Null_args_throw()
    {
        Assert.Throws<ArgumentNullException>(() => CommandLineParser.Parse(null!));
    }
}
