using System;
using System.Collections.Generic;
using System.Text.Json;
using Sacred.Configuration;
using Sacred.Runtime.Tests.Fakes;
using Xunit;

namespace Sacred.Runtime.Tests.Configuration;

public sealed class PrintConfigTests
{
    [Fact]
    public void Prints_the_tree_with_docs_and_modified_markers()
    {
        var experiment = new FakeExperiment();
        var called = false;
        experiment.Handlers["train"] = (state, run) => { called = true; return null; };

        var result = HostRun.Of(experiment, "print_config", "with", "seed=7", "batch_size=64", "model.depth=3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            Configuration (modified, added, typechanged, doc):
              batch_size = 64                    # Examples per step.  [modified]
              epochs = 15                        # Passes over the data. (derived)  [modified]
              layers = [16, 8]
              learning_rate = 0.001              # Optimizer step size.
              optimizer = "adam"                 # The optimizer.
              seed = 7                           # the random seed for this experiment  [modified]
              tag = null                         # A tag with a rather long documentation text.
              timeout = "00:05:00"
              model:  [modified]
                depth = 3                        # Number of hidden layers.  [modified]
                width = 64

            """.ReplaceLineEndings("\n"),
            result.Out);
        Assert.Equal("", result.Error);
        Assert.False(called);
    }

    [Fact]
    public void Named_config_changes_are_marked_too()
    {
        var result = HostRun.Of(new FakeExperiment(), "print_config", "with", "fast", "seed=1");

        Assert.Contains("  batch_size = 8                     # Examples per step.  [modified]\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  learning_rate = 0.01               # Optimizer step size.  [modified]\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  layers = [16, 8]\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Added_entries_are_marked_added_and_their_parents_modified()
    {
        var result = HostRun.Of(new FakeExperiment(), "print_config", "-f", "with", "seed=7", "model.dropout=0.5", "extra={'a': 1}");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  extra:  [added]\n    a = 1  [added]\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("  model:  [modified]\n    depth = 2                        # Number of hidden layers.\n    dropout = 0.5  [added]\n", result.Out, StringComparison.Ordinal);
        Assert.Equal(
            "WARNING - mnist - Added new config entry: \"model.dropout\"\nWARNING - mnist - Added new config entry: \"extra\"\n",
            result.Error);
    }

    [Fact]
    public void Color_flag_paints_the_legend_changes_and_docs()
    {
        var result = HostRun.Of(new FakeExperiment(), "print_config", "--color", "-f", "with", "seed=7", "x=1", "tag=\"a very long tag value that pushes the doc\"");

        Assert.Equal(
            "Configuration (\x1b[34mmodified\x1b[0m, \x1b[32madded\x1b[0m, \x1b[31mtypechanged\x1b[0m, \x1b[2mdoc\x1b[0m):\n" +
            "  batch_size = 32                    \x1b[2m# Examples per step.\x1b[0m\n" +
            "  epochs = 31                        \x1b[2m# Passes over the data. (derived)\x1b[0m\n" +
            "  layers = [16, 8]\n" +
            "  learning_rate = 0.001              \x1b[2m# Optimizer step size.\x1b[0m\n" +
            "  optimizer = \"adam\"                 \x1b[2m# The optimizer.\x1b[0m\n" +
            "\x1b[34m  seed = 7                           \x1b[2m# the random seed for this experiment\x1b[0m\x1b[0m\n" +
            "\x1b[34m  tag = \"a very long tag value that pushes the doc\"    \x1b[2m# A tag with a rather long documentation text.\x1b[0m\x1b[0m\n" +
            "  timeout = \"00:05:00\"\n" +
            "\x1b[32m  x = 1\x1b[0m\n" +
            "  model:\n" +
            "    depth = 2                        \x1b[2m# Number of hidden layers.\x1b[0m\n" +
            "    width = 64\n",
            result.Out);
    }

    [Fact]
    public void Print_config_flag_prints_the_config_and_a_rule_then_runs()
    {
        var result = HostRun.Of(new FakeExperiment(), "-p", "with", "seed=7");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Configuration (modified, added, typechanged, doc):\n", result.Out, StringComparison.Ordinal);
        Assert.EndsWith("    width = 64\n" + new string('-', 79) + "\n", result.Out, StringComparison.Ordinal);
        Assert.Contains("INFO - mnist - Result: 0.032\n", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Typechanged_beats_added_beats_modified()
    {
        var defaults = Parse("""{"a": 1, "b": 2.5, "c": null, "d": "x", "g": {"h": 1}}""");
        var final = Parse("""{"a": 1.0, "b": 3.5, "c": "now set", "d": "x", "e": true, "g": {"h": [1]}}""");

        var changes = ConfigChanges.Compute(defaults, final);
        var text = ConfigPrinter.Render(final, changes, [], color: false);

        Assert.Equal(
            """
            Configuration (modified, added, typechanged, doc):
              a = 1.0  [typechanged]
              b = 3.5  [modified]
              c = "now set"  [modified]
              d = "x"
              e = true  [added]
              g:  [modified]
                h = [1]  [typechanged]

            """.ReplaceLineEndings("\n"),
            text);
        Assert.Equal(["a", "g.h"], Sorted(changes.TypeChanged));
        Assert.Equal(["e"], Sorted(changes.Added));
        Assert.Equal(["b", "c", "g"], Sorted(changes.Modified));
    }

    [Fact]
    public void Empty_objects_print_as_leaves_and_long_entries_push_the_doc()
    {
        var config = Parse("""{"z": {}, "a": {"b": 1}, "long_name_for_a_key_that_is_long": "value"}""");

        var text = ConfigPrinter.Render(config, ConfigChanges.None, [new("long_name_for_a_key_that_is_long", "string", "Doc\n   on two lines.", false), new("a.b", "int", "Short.", false)], color: false);

        Assert.Equal(
            """
            Configuration (modified, added, typechanged, doc):
              long_name_for_a_key_that_is_long = "value"    # Doc on two lines.
              z = {}
              a:
                b = 1                            # Short.

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void An_entry_of_exactly_35_characters_is_still_padded()
    {
        var key = new string('k', 35 - 2 - 4);
        var config = Parse($$"""{"{{key}}": 1}""");

        var text = ConfigPrinter.Render(config, ConfigChanges.None, [new(key, "int", "doc", false)], color: false);

        Assert.Contains($"  {key} = 1  # doc\n", text, StringComparison.Ordinal);
    }

    private static ConfigNode Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ConfigNode.FromJson(document.RootElement);
    }

    private static string[] Sorted(IEnumerable<string> items)
    {
        var list = new List<string>(items);
        list.Sort(StringComparer.Ordinal);
        return [.. list];
    }
}
