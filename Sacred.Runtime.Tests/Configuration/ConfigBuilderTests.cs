using System;
using System.Collections.Generic;
using System.IO;
using Sacred.Configuration;
using Sacred.Logging;
using Sacred.Runtime.Tests.Fakes;
using Xunit;

namespace Sacred.Runtime.Tests.Configuration;

public sealed class ConfigBuilderTests
{
    private const int Seed = 1234;

    private static ConfigBuildResult<FakeState> Build(params string[] updates) =>
        ConfigBuilder.Build(new FakeExperiment(), updates, randomSeed: Seed);

    private static string Error(params string[] updates) =>
        Assert.Throws<ConfigUpdateException>(() => Build(updates)).Message;

    [Fact]
    public void Without_updates_the_config_is_the_defaults_and_nothing_is_marked()
    {
        var experiment = new FakeExperiment();
        var defaults = experiment.CreateDefaults();
        experiment.SetSeed(defaults, Seed);

        var result = Build();

        Assert.Equal(experiment.ToNode(defaults), result.Config);
        Assert.Equal(Seed, result.Seed);
        Assert.Empty(result.Changes.Modified);
        Assert.Empty(result.Changes.Added);
        Assert.Empty(result.Changes.TypeChanged);
    }

    [Fact]
    public void The_seed_is_drawn_in_sacreds_range_unless_given()
    {
        for (var i = 0; i < 20; i++)
        {
            var result = ConfigBuilder.Build(new FakeExperiment(), []);
            Assert.InRange(result.Seed, 1, 1_000_000_000);
            Assert.Equal(result.Seed, result.Config.Get("seed")!.IntegerValue);
        }
    }

    [Fact]
    public void Updates_are_applied_and_marked_modified_with_their_parents()
    {
        var result = Build("learning_rate=0.1", "model.depth=3");

        Assert.Equal(0.1, result.Config.Get("learning_rate")!.FloatValue);
        Assert.Equal(3, result.Config.Get("model.depth")!.IntegerValue);
        Assert.Equal(["learning_rate", "model", "model.depth"], Sorted(result.Changes.Modified));
    }

    [Fact]
    public void An_update_equal_to_the_default_is_not_marked()
    {
        var result = Build("batch_size=32", "learning_rate=1e-3");

        Assert.Empty(result.Changes.Modified);
    }

    [Fact]
    public void Seed_update_sets_the_seed_and_is_marked_modified_not_added()
    {
        var result = Build("seed=5");

        Assert.Equal(5, result.Seed);
        Assert.Equal(["seed"], Sorted(result.Changes.Modified));
        Assert.Empty(result.Changes.Added);
    }

    [Fact]
    public void Derived_values_follow_the_updates()
    {
        var result = Build("batch_size=100");

        Assert.Equal(10, result.Config.Get("epochs")!.IntegerValue);
        Assert.Contains("epochs", result.Changes.Modified);
    }

    [Fact]
    public void Named_config_beats_the_defaults()
    {
        var result = Build("fast");

        Assert.Equal(8, result.Config.Get("batch_size")!.IntegerValue);
        Assert.Equal(0.01, result.Config.Get("learning_rate")!.FloatValue);
        Assert.Equal(125, result.Config.Get("epochs")!.IntegerValue);
        Assert.Equal(["fast"], result.NamedConfigs);
        Assert.Equal(["batch_size", "epochs", "learning_rate"], Sorted(result.Changes.Modified));
    }

    [Theory]
    [InlineData("batch_size=16", "fast")]
    [InlineData("fast", "batch_size=16")]
    public void Command_line_values_beat_named_configs_wherever_they_stand(string first, string second)
    {
        var result = Build(first, second);

        Assert.Equal(16, result.Config.Get("batch_size")!.IntegerValue);
        Assert.Equal(0.01, result.Config.Get("learning_rate")!.FloatValue);
        Assert.Equal(62, result.Config.Get("epochs")!.IntegerValue);
    }

    [Fact]
    public void Several_named_configs_apply_in_order()
    {
        var result = Build("full", "fast");

        Assert.Equal(8, result.Config.Get("model.depth")!.IntegerValue);
        Assert.Equal(8, result.Config.Get("batch_size")!.IntegerValue);
        Assert.Equal(["full", "fast"], result.NamedConfigs);
    }

    [Fact]
    public void Values_are_parsed_by_type_and_trimmed()
    {
        var result = Build("learning_rate = 2e-4 ", "optimizer=SGD", "layers=[1, 2, 3]", "tag='my run'", "timeout=90s");

        Assert.Equal(2e-4, result.Config.Get("learning_rate")!.FloatValue);
        Assert.Equal("sgd", result.Config.Get("optimizer")!.StringValue);
        Assert.Equal("[1, 2, 3]", result.Config.Get("layers")!.ToLiteral());
        Assert.Equal("my run", result.Config.Get("tag")!.StringValue);
        Assert.Equal("00:01:30", result.Config.Get("timeout")!.StringValue);
    }

    [Fact]
    public void Quoted_values_reach_parsers_that_take_bare_text()
    {
        var result = Build("optimizer=\"sgd\"");

        Assert.Equal("sgd", result.Config.Get("optimizer")!.StringValue);
    }

    [Fact]
    public void Null_sets_a_nullable_key()
    {
        var result = Build("tag=x", "tag=None");

        Assert.Equal(ConfigNodeKind.Null, result.Config.Get("tag")!.Kind);
    }

    [Fact]
    public void Updates_are_reported_as_given()
    {
        var result = Build("learning_rate=0.1", "fast", "model.depth=3");

        Assert.Equal(
            [new("learning_rate", "0.1"), new("model.depth", "3")],
            result.Updates);
    }

    [Fact]
    public void An_object_value_for_a_group_of_keys_is_flattened()
    {
        var result = Build("model={\"depth\": 5, \"width\": 7}");

        Assert.Equal(5, result.Config.Get("model.depth")!.IntegerValue);
        Assert.Equal(7, result.Config.Get("model.width")!.IntegerValue);
    }

    [Fact]
    public void Unknown_key_suggests_the_intended_one()
    {
        Assert.Equal(
            "unknown config key 'lerning_rate' in 'lerning_rate=0.1'; did you mean 'learning_rate'? (see print_config for all keys)",
            Error("lerning_rate=0.1"));
        Assert.Equal(
            "unknown config key 'depth' in 'depth=3'; did you mean 'model.depth'? (see print_config for all keys)",
            Error("depth=3"));
        Assert.Equal("unknown config key 'xyz' in 'xyz=1' (see print_config for all keys)", Error("xyz=1"));
    }

    [Fact]
    public void Derived_key_cannot_be_set()
    {
        Assert.Equal("'epochs' is derived from other values and cannot be set (in 'epochs=3')", Error("epochs=3"));
    }

    [Fact]
    public void Bad_value_names_the_key_its_type_and_the_update()
    {
        Assert.Equal("invalid value 'abc' for 'model.depth' (int) in 'model.depth=abc'", Error("model.depth=abc"));
        Assert.Equal("invalid value '1.5' for 'batch_size' (int) in 'batch_size=1.5'", Error("batch_size=1.5"));
        Assert.Equal("invalid value '[1, x]' for 'layers' (List<int>) in 'layers=[1, x]'", Error("layers=[1, x]"));
    }

    [Fact]
    public void Bad_enum_value_lists_the_valid_values()
    {
        Assert.Equal(
            "invalid value 'adamw' for 'optimizer' (Optimizer) in 'optimizer=adamw'; valid values: adam, sgd",
            Error("optimizer=adamw"));
    }

    [Fact]
    public void A_group_of_keys_needs_an_object()
    {
        Assert.Equal(
            "cannot set 'model' to '3' in 'model=3': it holds the config keys model.depth, model.width; set those, or give an object like model={...}",
            Error("model=3"));
        Assert.Equal(
            "invalid value '\"x\"' for 'model.depth' (int) in 'model={'depth': 'x'}'",
            Error("model={'depth': 'x'}"));
    }

    [Fact]
    public void Missing_key_before_equals()
    {
        Assert.Equal("invalid update '=5': the key before '=' is missing", Error("=5"));
    }

    [Fact]
    public void Unknown_named_config_suggests_and_lists_them()
    {
        Assert.Equal("unknown named config 'fsat'; did you mean 'fast'? Named configs: fast, full", Error("fsat"));
        Assert.Equal("unknown named config 'turbo'; Named configs: fast, full", Error("turbo"));
    }

    [Fact]
    public void Unknown_named_config_without_named_configs()
    {
        var experiment = new FakeExperiment();
        experiment.NamedConfigList.Clear();

        var error = Assert.Throws<ConfigUpdateException>(() => ConfigBuilder.Build(experiment, ["fast"])).Message;

        Assert.Equal("unknown named config 'fast'; the experiment has no named configs (updates are key=value)", error);
    }

    [Fact]
    public void A_key_without_a_value_is_explained()
    {
        Assert.Equal("'batch_size' is a config key, not a named config; give it a value: batch_size=VALUE", Error("batch_size"));
    }

    [Fact]
    public void Force_accepts_unknown_keys_as_added_literals_with_a_warning()
    {
        var log = new StringWriter();
        var logger = new SacredLogger("mnist", new LogSink(log, PythonLogLevel.Default));

        var result = ConfigBuilder.Build(
            new FakeExperiment(),
            ["lrr=0.1", "model.dropout=0.5", "extra={\"a\": [1, 2], \"b\": \"x\"}", "note=hello world"],
            force: true,
            logger,
            Seed);

        Assert.Equal(0.1, result.Config.Get("lrr")!.FloatValue);
        Assert.Equal(0.5, result.Config.Get("model.dropout")!.FloatValue);
        Assert.Equal("[1, 2]", result.Config.Get("extra.a")!.ToLiteral());
        Assert.Equal("hello world", result.Config.Get("note")!.StringValue);
        Assert.Equal(["extra", "extra.a", "extra.b", "lrr", "model.dropout", "note"], Sorted(result.Changes.Added));
        Assert.Equal(["model"], Sorted(result.Changes.Modified));
        Assert.Equal(
            "WARNING - mnist - Added new config entry: \"lrr\"\n" +
            "WARNING - mnist - Added new config entry: \"model.dropout\"\n" +
            "WARNING - mnist - Added new config entry: \"extra\"\n" +
            "WARNING - mnist - Added new config entry: \"note\"\n",
            log.ToString());
    }

    [Fact]
    public void Force_does_not_excuse_bad_values_or_derived_keys()
    {
        Assert.Throws<ConfigUpdateException>(() => ConfigBuilder.Build(new FakeExperiment(), ["batch_size=x"], force: true));
        Assert.Throws<ConfigUpdateException>(() => ConfigBuilder.Build(new FakeExperiment(), ["epochs=3"], force: true));
    }

    [Fact]
    public void Json_updates_file_is_flattened_and_applied_in_place()
    {
        using var files = new TempFiles();
        var path = files.Write("v2.json", """
            {
              // comments and trailing commas are fine
              "learning_rate": 0.5,
              "model": {"depth": 4},
              "optimizer": "sgd",
              "layers": [
                1,
                2,
                3
              ],
              "timeout": "00:01:00",
              "tag": null,
            }
            """);

        var result = Build("batch_size=1", path, "model.depth=6");

        Assert.Equal(0.5, result.Config.Get("learning_rate")!.FloatValue);
        Assert.Equal(6, result.Config.Get("model.depth")!.IntegerValue);
        Assert.Equal("sgd", result.Config.Get("optimizer")!.StringValue);
        Assert.Equal("[1, 2, 3]", result.Config.Get("layers")!.ToLiteral());
        Assert.Equal("00:01:00", result.Config.Get("timeout")!.StringValue);
        Assert.Equal(1, result.Config.Get("batch_size")!.IntegerValue);
    }

    [Fact]
    public void Json_file_beats_a_named_config_of_the_same_name()
    {
        using var files = new TempFiles();
        var experiment = new FakeExperiment();
        var path = files.Write("fast.json", """{"batch_size": 2}""");
        experiment.NamedConfigList.Add(new(path, null));

        var result = ConfigBuilder.Build(experiment, [path], randomSeed: Seed);

        Assert.Equal(2, result.Config.Get("batch_size")!.IntegerValue);
        Assert.Empty(result.NamedConfigs);
    }

    [Fact]
    public void A_saved_config_fed_back_reproduces_the_run()
    {
        using var files = new TempFiles();
        var first = ConfigBuilder.Build(new FakeExperiment(), ["learning_rate=0.5", "fast", "optimizer=sgd", "tag=x"]);
        var path = files.Write("config.json", first.Config.ToJson(indented: true));

        var second = ConfigBuilder.Build(new FakeExperiment(), [path]);

        Assert.Equal(first.Config, second.Config);
        Assert.Equal(first.Seed, second.Seed);
    }

    [Fact]
    public void Derived_value_in_a_file_must_agree()
    {
        using var files = new TempFiles();
        var agreeing = files.Write("ok.json", """{"batch_size": 100, "epochs": 10}""");
        var disagreeing = files.Write("bad.json", """{"batch_size": 100, "epochs": 3}""");

        Assert.Equal(10, Build(agreeing).Config.Get("epochs")!.IntegerValue);
        Assert.Equal($"'epochs' is derived from other values and cannot be set (in updates file '{disagreeing}')", Error(disagreeing));
    }

    [Fact]
    public void Unknown_key_in_a_file_names_the_file()
    {
        using var files = new TempFiles();
        var path = files.Write("v2.json", """{"model": {"dpeth": 4}}""");

        Assert.Equal(
            $"unknown config key 'model.dpeth' in updates file '{path}'; did you mean 'model.depth'? (see print_config for all keys)",
            Error(path));
    }

    [Fact]
    public void Missing_updates_file()
    {
        Assert.Equal("cannot read updates file 'v2.json': file not found", Error("v2.json"));
    }

    [Fact]
    public void Broken_updates_file_gives_the_position()
    {
        using var files = new TempFiles();
        var path = files.Write("v2.json", "{\n  \"batch_size\": 4\n  \"seed\": 1\n}");

        Assert.Equal(
            $"cannot read updates file '{path}': '\"' is invalid after a value. Expected either ',', '}}', or ']'. (line 3, column 3)",
            Error(path));
    }

    [Fact]
    public void Updates_file_must_hold_an_object()
    {
        using var files = new TempFiles();
        var path = files.Write("v2.json", "[1, 2]");

        Assert.Equal($"cannot read updates file '{path}': expected a JSON object of config values, found array", Error(path));
    }

    private static List<string> Sorted(IEnumerable<string> items)
    {
        var list = new List<string>(items);
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
