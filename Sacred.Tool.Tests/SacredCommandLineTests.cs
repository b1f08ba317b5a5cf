using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Sacred.Tool.Cli;
using Xunit;

namespace Sacred.Tool.Tests;

public sealed class SacredCommandLineTests : IClassFixture<RecordedStore>
{
    private readonly RecordedStore _store;

    public SacredCommandLineTests(RecordedStore store) => _store = store;

    private (int Code, string Out, string Error) Sacred(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = SacredCommandLine.Run([.. args, "--store", _store.Path], stdout, stderr, redirected: true);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Ls_lists_newest_first_with_status_result_and_comment()
    {
        var (code, output, _) = Sacred("ls");

        Assert.Equal(0, code);
        var rows = output.Split('\n').Where(l => l.Contains(" demo ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("3", rows[0].TrimStart());
        Assert.Contains("FAILED", rows[1]);
        Assert.Contains("baseline", rows[2]);
        Assert.Contains("0.91", rows[2]);
        Assert.Contains("3 of 3 runs", output);
    }

    [Fact]
    public void Ls_filters_sorts_and_limits()
    {
        var completed = JsonDocument.Parse(Sacred("ls", "--status", "completed", "--json").Out).RootElement;
        var best = JsonDocument.Parse(Sacred("ls", "--sort", "-result", "--limit", "1", "--json").Out).RootElement;
        var lowLoss = JsonDocument.Parse(Sacred("ls", "--sort", "metrics.training.loss.min", "--limit", "1", "--json").Out).RootElement;

        Assert.Equal(2, completed.GetProperty("total").GetInt64());
        Assert.All(completed.GetProperty("runs").EnumerateArray(), r => Assert.Equal("COMPLETED", r.GetProperty("status").GetString()));
        Assert.Equal(0.95, best.GetProperty("runs")[0].GetProperty("result").GetDouble());
        Assert.Equal(1, lowLoss.GetProperty("runs")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public void Show_prints_config_metrics_sources_fail_trace_and_output_tail()
    {
        var (code, output, _) = Sacred("show", "2");

        Assert.Equal(0, code);
        Assert.Contains("learning_rate = 0.5", output);
        Assert.Contains("training.loss", output);
        Assert.Contains("Demo.cs", output);
        Assert.Contains("ValueError: boom", output);
        Assert.Contains("epoch 2", output);
        Assert.Contains("git:/src abcdef123456", output);
    }

    [Fact]
    public void Show_json_is_machine_readable()
    {
        var run = JsonDocument.Parse(Sacred("show", "1", "--json").Out).RootElement;

        Assert.Equal("COMPLETED", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Equal(0.1, run.GetProperty("config").GetProperty("learning_rate").GetDouble());
        Assert.Equal(1000, run.GetProperty("metrics").GetProperty("training.loss").GetProperty("count").GetInt64());
    }

    [Fact]
    public void Metrics_downsamples_and_keeps_the_extremes()
    {
        var series = JsonDocument.Parse(Sacred("metrics", "1", "training.loss", "--points", "20", "--json").Out).RootElement;

        Assert.True(series.GetProperty("downsampled").GetBoolean());
        Assert.Equal(1000, series.GetProperty("total").GetInt64());
        var values = series.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.InRange(values.Count, 2, 40);
        Assert.Contains(1.0, values);
        Assert.Contains(values, v => Math.Abs(v - 0.001) < 1e-12);
    }

    [Fact]
    public void Compare_shows_only_differing_config_and_every_metric()
    {
        var (code, output, _) = Sacred("compare", "1", "3");

        Assert.Equal(0, code);
        Assert.Contains("model.depth", output);
        Assert.DoesNotContain("learning_rate", output);
        Assert.Contains("1 config keys differ", output);
        Assert.Contains("training.loss", output);
    }

    [Theory]
    [InlineData(new[] { "lss" }, 2, "did you mean 'ls'")]
    [InlineData(new[] { "show", "99" }, 1, "no run '99'")]
    [InlineData(new[] { "metrics", "1", "training.los" }, 1, "did you mean 'training.loss'")]
    [InlineData(new[] { "ls", "--sort", "colour" }, 2, "colour")]
    [InlineData(new[] { "ls", "--limit", "zero" }, 2, "--limit")]
    [InlineData(new[] { "ls", "--limt", "3" }, 2, "did you mean '--limit'")]
    [InlineData(new[] { "ls", "extra" }, 2, "expected: sacred ls")]
    [InlineData(new[] { "board", "--store", "runs", "-m", "mongodb://localhost:27017/sacred" }, 2, "either --store DIR")]
    public void Bad_input_is_one_line_and_a_non_zero_exit(string[] args, int expectedCode, string hint)
    {
        var (code, _, error) = Sacred(args);

        Assert.Equal(expectedCode, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(hint, line);
    }

    [Fact]
    public void Missing_store_is_a_clear_error()
    {
        var stderr = new StringWriter();

        var code = SacredCommandLine.Run(["ls", "--store", Path.Combine(_store.Path, "nope")], new StringWriter(), stderr, redirected: true);

        Assert.Equal(1, code);
        Assert.Contains("nope", stderr.ToString());
    }
}
