using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Metrics;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Storage.Reading;
using Sacred.Tool.Rerun;
using Xunit;

namespace Sacred.Tool.Tests;

/// <summary>
/// The verdict of <c>sacred rerun</c>, line by line: what counts as reproduced and what names a divergence (which
/// config key, which metric at which step with both values, a series longer or shorter than recorded, another status
/// or result), and what the output comparison ignores: what differs between any two runs of the same code (times,
/// speeds, the run's own id), and nothing else. Two runs recorded into a real store, as a run and its rerun are. The whole rerun, with real builds, is
/// tested in Sacred.Samples.Tests and Sacred.Mnist.Tests; these cases would cost a build each there.
/// </summary>
public sealed class RunComparisonTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "sacred-run-comparison-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    [Fact]
    public void Two_runs_alike_in_everything_compared_are_reported_equal_line_by_line()
    {
        var run = new RunSpec { Metrics = { ["loss"] = [(0, 0.5), (1, 0.25)], ["acc"] = [(4, 0.9)] } };

        var lines = Compare(run, run);

        Assert.Equal(
            [
                "status: COMPLETED, as recorded",
                "config: equal",
                "result: equal",
                "metric acc: equal, 1 point step by step",
                "metric loss: equal, 2 points step by step",
                "output: equal, 1 lines (times and run ids ignored)",
            ],
            lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.True(l.Equal, l.Text));
    }

    [Fact]
    public void A_run_without_metrics_says_so_and_that_is_not_a_difference()
    {
        var line = Compare(new RunSpec(), new RunSpec()).Single(l => l.Text.StartsWith("metrics:", StringComparison.Ordinal));

        Assert.Equal(new ComparisonLine("metrics: none recorded, none now", true), line);
    }

    [Fact]
    public void A_changed_config_value_names_the_first_differing_key_with_both_values()
    {
        var recorded = new RunSpec { Config = { ["batch_size"] = ConfigNode.From(32), ["learning_rate"] = ConfigNode.From(0.1), ["optimizer"] = ConfigNode.From("sgd") } };
        var now = new RunSpec { Config = { ["batch_size"] = ConfigNode.From(32), ["learning_rate"] = ConfigNode.From(0.01), ["optimizer"] = ConfigNode.From("adam") } };

        var line = Line(Compare(recorded, now), "config:");

        Assert.Equal(new ComparisonLine("config: differs at learning_rate: 0.1 recorded, 0.01 now", false), line);
    }

    [Fact]
    public void A_config_key_present_on_one_side_only_is_named_as_absent_on_the_other()
    {
        var recorded = new RunSpec { Config = { ["seed"] = ConfigNode.From(7) } };
        var now = new RunSpec { Config = { ["seed"] = ConfigNode.From(7), ["dropout"] = ConfigNode.From(0.5) } };

        Assert.Equal("config: differs at dropout: (absent) recorded, 0.5 now", Line(Compare(recorded, now), "config:").Text);
        Assert.Equal("config: differs at dropout: 0.5 recorded, (absent) now", Line(Compare(now, recorded), "config:").Text);
    }

    [Fact]
    public void A_nested_or_list_config_value_is_named_by_its_dotted_path_and_shown_on_one_line()
    {
        static ConfigNode Model(int width, params int[] layers)
        {
            var model = new ConfigObjectBuilder();
            model.Add("layers", ConfigNode.FromList(layers, ConfigNode.From));
            model.Add("width", ConfigNode.From(width));
            return model.Build();
        }

        var recorded = new RunSpec { Config = { ["model"] = Model(8, 64, 64) } };
        var wider = new RunSpec { Config = { ["model"] = Model(16, 64, 64) } };
        var deeper = new RunSpec { Config = { ["model"] = Model(8, 64, 64, 32) } };
        var empty = new RunSpec { Config = { ["model"] = new ConfigObjectBuilder().Build() } };

        Assert.Equal("config: differs at model.width: 8 recorded, 16 now", Line(Compare(recorded, wider), "config:").Text);
        Assert.Equal("config: differs at model.layers: [64,64] recorded, [64,64,32] now", Line(Compare(recorded, deeper), "config:").Text);
        Assert.Equal("config: differs at model: {} recorded, (absent) now", Line(Compare(empty, new RunSpec()), "config:").Text);
    }

    [Fact]
    public void A_metric_that_diverges_names_its_first_differing_step_and_both_values()
    {
        var recorded = new RunSpec { Metrics = { ["loss"] = [(0, 2.5), (1, 1.25), (2, 0.75), (3, 0.5)] } };
        var now = new RunSpec { Metrics = { ["loss"] = [(0, 2.5), (1, 1.25), (2, 0.875), (3, 0.25)] } };

        Assert.Equal(new ComparisonLine("metric loss: diverges at step 2: 0.75 recorded, 0.875 now", false), Line(Compare(recorded, now), "metric loss:"));
    }

    [Fact]
    public void The_smallest_difference_in_a_value_is_a_divergence()
    {
        var value = 0.1 + 0.2;
        var recorded = new RunSpec { Metrics = { ["loss"] = [(0, value)] } };
        var now = new RunSpec { Metrics = { ["loss"] = [(0, Math.BitIncrement(value))] } };

        var line = Line(Compare(recorded, now), "metric loss:");

        Assert.False(line.Equal, line.Text);
        Assert.Equal("metric loss: diverges at step 0: 0.30000000000000004 recorded, 0.3000000000000001 now", line.Text);
    }

    [Fact]
    public void A_point_logged_at_another_step_is_a_divergence_even_with_the_same_value()
    {
        var recorded = new RunSpec { Metrics = { ["loss"] = [(0, 1), (10, 0.5)] } };
        var now = new RunSpec { Metrics = { ["loss"] = [(0, 1), (20, 0.5)] } };

        Assert.Equal(new ComparisonLine("metric loss: diverges at step 10: 0.5 recorded, 0.5 now (at step 20)", false), Line(Compare(recorded, now), "metric loss:"));
    }

    [Fact]
    public void A_series_shorter_or_longer_than_recorded_names_the_first_point_one_side_lacks()
    {
        var recorded = new RunSpec { Metrics = { ["loss"] = [(0, 1), (1, 0.5), (2, 0.25)] } };
        var now = new RunSpec { Metrics = { ["loss"] = [(0, 1), (1, 0.5)] } };

        Assert.Equal(
            new ComparisonLine("metric loss: diverges at step 2: 0.25 only recorded (3 points recorded, 2 now)", false),
            Line(Compare(recorded, now), "metric loss:"));
        Assert.Equal(
            new ComparisonLine("metric loss: diverges at step 2: 0.25 only now (2 points recorded, 3 now)", false),
            Line(Compare(now, recorded), "metric loss:"));
    }

    [Fact]
    public void A_metric_only_one_run_logged_is_a_divergence_and_the_others_are_still_compared()
    {
        var recorded = new RunSpec { Metrics = { ["loss"] = [(0, 1)] } };
        var now = new RunSpec { Metrics = { ["loss"] = [(0, 1)], ["grad_norm"] = [(0, 3)] } };

        var lines = Compare(recorded, now);

        Assert.Equal(new ComparisonLine("metric grad_norm: diverges at step 0: 3 only now (0 points recorded, 1 now)", false), Line(lines, "metric grad_norm:"));
        Assert.Equal(new ComparisonLine("metric loss: equal, 1 point step by step", true), Line(lines, "metric loss:"));
        Assert.Equal(
            new ComparisonLine("metric grad_norm: diverges at step 0: 3 only recorded (1 points recorded, 0 now)", false),
            Line(Compare(now, recorded), "metric grad_norm:"));
    }

    [Fact]
    public void A_nan_loss_recorded_and_reproduced_is_equal()
    {
        var run = new RunSpec { Metrics = { ["loss"] = [(0, 1), (1, double.NaN)] } };

        Assert.True(Line(Compare(run, run), "metric loss:").Equal);
    }

    [Fact]
    public void Another_status_or_result_is_a_difference_with_both_named()
    {
        var recorded = new RunSpec();
        var failed = new RunSpec { Status = "FAILED", Result = null };
        var other = new RunSpec { Result = ConfigNode.From(0.25) };

        Assert.Equal(new ComparisonLine("status: FAILED, recorded COMPLETED", false), Line(Compare(recorded, failed), "status:"));
        Assert.Equal(new ComparisonLine("result: none, recorded 0.125", false), Line(Compare(recorded, failed), "result:"));
        Assert.Equal(new ComparisonLine("result: 0.25, recorded 0.125", false), Line(Compare(recorded, other), "result:"));
        var list = new RunSpec { Result = ConfigNode.FromList([1, 2], ConfigNode.From) };
        Assert.Equal(new ComparisonLine("result: [1,2], recorded 0.125", false), Line(Compare(recorded, list), "result:"));
    }

    [Fact]
    public void Output_lines_in_another_order_between_stdout_and_stderr_are_the_same_output_but_a_missing_line_is_not()
    {
        var recorded = new RunSpec { Output = "epoch 1\nwarning: slow disk\nepoch 2\n" };
        var interleaved = new RunSpec { Output = "epoch 1\nepoch 2\nwarning: slow disk\n" };
        var shorter = new RunSpec { Output = "epoch 1\nepoch 2\n" };
        var longer = new RunSpec { Output = "epoch 1\nwarning: slow disk\nepoch 2\nepoch 3\n" };

        Assert.Equal(
            new ComparisonLine("output: equal, 3 lines (times and run ids ignored; stdout and stderr interleaved differently)", true),
            Line(Compare(recorded, interleaved), "output:"));
        Assert.Equal(
            new ComparisonLine("output: differs: \"warning: slow disk\" (line 2 recorded) is not in the new output", false),
            Line(Compare(recorded, shorter), "output:"));
        Assert.Equal(
            new ComparisonLine("output: differs: \"epoch 3\" (line 4 now) was not in the recorded output", false),
            Line(Compare(recorded, longer), "output:"));
    }

    [Fact]
    public void A_first_line_printed_by_one_run_only_is_a_difference()
    {
        var banner = new RunSpec { Output = "loading data\ndone\n" };
        var plain = new RunSpec { Output = "done\n" };

        Assert.Equal(
            new ComparisonLine("output: differs: \"loading data\" (line 1 recorded) is not in the new output", false),
            Line(Compare(banner, plain), "output:"));
        Assert.Equal(
            new ComparisonLine("output: differs: \"loading data\" (line 1 now) was not in the recorded output", false),
            Line(Compare(plain, banner), "output:"));
    }

    [Fact]
    public void A_repeated_line_counts_as_often_as_it_was_printed()
    {
        var recorded = new RunSpec { Output = "saved\nsaved\nepoch 1\n" };
        var now = new RunSpec { Output = "saved\nepoch 1\nepoch 1\n" };

        Assert.Equal(
            new ComparisonLine("output: differs: \"saved\" (line 2 recorded) is not in the new output", false),
            Line(Compare(recorded, now), "output:"));
    }

    [Fact]
    public void A_differing_line_is_shown_with_its_times_and_run_id_masked_as_they_were_compared()
    {
        var recorded = new RunSpec { Output = "run ID \"1\" took 2.5 s, loss 0.5 in out/run_1\n" };
        var now = new RunSpec { Output = "run ID \"2\" took 3 s, loss 0.6 in out/run_2\n" };

        Assert.Equal(
            new ComparisonLine("output: differs: \"run ID \"<id>\" took <time>, loss 0.5 in out/run_<id>\" (line 1 recorded) is not in the new output", false),
            Line(Compare(recorded, now), "output:"));
    }

    [Fact]
    public void Progress_speeds_and_the_runs_own_folder_name_are_not_differences()
    {
        // What the Mnist sample prints (a progress line with its speed, the checkpoint in the run's own folder).
        var output = Output(
            "epoch 1/2  step 1/8  loss 2.318330  19.0 steps/s  ETA 0:00:00\n100%|####| 8/8 [00:01<00:00, 7.31it/s]\nsaved 1.52s/it\ncheckpoint /tmp/out/mnist-1/model.bin in run_1\n",
            "epoch 1/2  step 1/8  loss 2.318330  32.5 steps/s  ETA 0:00:00\n100%|####| 8/8 [00:01<00:00, 12.5it/s]\nsaved 0.9s/it\ncheckpoint /tmp/out/mnist-2/model.bin in run_2\n");

        Assert.True(output.Equal, output.Text);
        Assert.Equal("output: equal, 4 lines (times and run ids ignored)", output.Text);
    }

    [Fact]
    public void A_changed_value_beside_them_is_still_a_difference()
    {
        var loss = Output("step 1/8  loss 2.318330  19.0 steps/s\n", "step 1/8  loss 2.318331  19.0 steps/s\n");
        var folder = Output("checkpoint /tmp/out/mnist-7/model.bin\n", "checkpoint /tmp/out/mnist-8/model.bin\n");
        var step = Output("epoch 1/2  step 2/8\n", "epoch 1/2  step 1/8\n");

        // A folder named by a GUID that starts with the rerun's id (run 2) is the same folder in both outputs, not
        // the run's own id; only the run's folder inside it is masked. CI met this: "sacred-mnist-2d35…" became
        // "sacred-mnist-<id>d35…" in the rerun's output alone, and a rerun that reproduced every loss was reported
        // diverged.
        var guid = Output(
            "checkpoint /tmp/sacred-mnist-2d35bdf73e8d44259efa37782cd732fa/mnist-1/model.bin\n",
            "checkpoint /tmp/sacred-mnist-2d35bdf73e8d44259efa37782cd732fa/mnist-2/model.bin\n");
        var recordedGuid = Output(
            "checkpoint /tmp/sacred-mnist-1f0e/mnist-1/model.bin\n",
            "checkpoint /tmp/sacred-mnist-1f0e/mnist-2/model.bin\n");

        Assert.Equal("output: differs: \"step 1/8  loss 2.318330  <rate>\" (line 1 recorded) is not in the new output", loss.Text);
        Assert.False(folder.Equal, folder.Text);
        Assert.False(step.Equal, step.Text);
        Assert.True(guid.Equal, guid.Text);
        Assert.True(recordedGuid.Equal, recordedGuid.Text);
    }

    private static ComparisonLine Line(IReadOnlyList<ComparisonLine> lines, string prefix) =>
        Assert.Single(lines, l => l.Text.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>Records two runs alike but for their captured output; the comparison's output line.</summary>
    private ComparisonLine Output(string recorded, string now) =>
        Line(Compare(new RunSpec { Output = recorded }, new RunSpec { Output = now }), "output:");

    /// <summary>Records run 1 as <paramref name="recorded"/> and run 2 as <paramref name="now"/>; the comparison's lines.</summary>
    private IReadOnlyList<ComparisonLine> Compare(RunSpec recorded, RunSpec now)
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }

        Record(recorded);
        Record(now);
        using var store = RunStore.Open(_store);
        return RunComparison.Compare(store, store.GetRun(1)!, store.GetRun(2)!);
    }

    private void Record(RunSpec run)
    {
        var observer = new EmbeddedStoreObserver(_store);
        observer.Open();
        var empty = new ConfigObjectBuilder().Build();
        var config = new ConfigObjectBuilder();
        foreach (var (key, value) in run.Config)
        {
            config.Add(key, value);
        }

        observer.StartedEvent(new RunStartedEvent(
            null,
            "run",
            new ExperimentInfo("exp", "/home/ada/repo/exp", "Exp.cs", [new SourceFileInfo("Exp.cs", "0123456789abcdef0123456789abcdef", "// exp")], [], []),
            new HostInfo("box", ["Linux"], null, null, "10.0.0", new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
            DateTime.UtcNow,
            config.Build(),
            new ConfigModifications([], [], []),
            new MetaInfo("run", empty, null, [], empty, null),
            7));
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var metrics = run.Metrics
            .Select(m => new MetricBatch(
                m.Key,
                m.Value.Select(p => p.Step).ToArray(),
                m.Value.Select(p => p.Value).ToArray(),
                m.Value.Select(_ => now).ToArray()))
            .ToList();
        observer.HeartbeatEvent(new HeartbeatEvent(DateTime.UtcNow, empty, run.Result, run.Output, metrics, true));
        observer.EndedEvent(new RunEndedEvent(DateTime.UtcNow, run.Status, run.Result, run.Status == "FAILED" ? ["Traceback: boom"] : null));
        observer.Close();
    }

    private sealed class RunSpec
    {
        public Dictionary<string, ConfigNode> Config { get; } = new(StringComparer.Ordinal) { ["seed"] = ConfigNode.From(7) };

        public Dictionary<string, (long Step, double Value)[]> Metrics { get; } = new(StringComparer.Ordinal);

        public string Status { get; init; } = "COMPLETED";

        public ConfigNode? Result { get; init; } = ConfigNode.From(0.125);

        public string Output { get; init; } = "done\n";
    }
}
