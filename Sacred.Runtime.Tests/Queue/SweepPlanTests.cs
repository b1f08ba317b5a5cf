using System;
using System.Linq;
using Sacred.CommandLine;
using Sacred.Queue;
using Xunit;

namespace Sacred.Runtime.Tests.Queue;

/// <summary>What a sweep queues: grids, random draws from lists and ranges, and one clear line for a bad range.</summary>
public sealed class SweepPlanTests
{
    [Fact]
    public void A_grid_is_every_combination_the_first_axis_slowest_with_the_fixed_updates_first()
    {
        var plan = SweepPlan.Parse(["fast", "lr=0.1,0.01", "steps=100", "batch_size=32,64", "layers=[1,2]"]);

        Assert.Equal(["fast", "steps=100", "layers=[1,2]"], plan.FixedUpdates);
        Assert.Equal(
            ["lr=0.1 batch_size=32", "lr=0.1 batch_size=64", "lr=0.01 batch_size=32", "lr=0.01 batch_size=64"],
            plan.Grid().Select(run => string.Join(' ', run.Skip(3))));
    }

    [Fact]
    public void Random_draws_stay_in_their_ranges_and_repeat_with_the_same_seed()
    {
        var plan = SweepPlan.Parse(["lr=log:1e-4..1e-1", "dropout=0.1..0.5", "layers=int:1..4", "optimizer=adam,sgd"]);

        var runs = plan.Random(200, seed: 7);

        Assert.Equal(runs.Select(r => string.Join(' ', r)), plan.Random(200, seed: 7).Select(r => string.Join(' ', r)));
        double Value(int run, int axis) => double.Parse(runs[run][axis].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(Enumerable.Range(0, 200), i => Assert.InRange(Value(i, 0), 1e-4, 1e-1));
        Assert.All(Enumerable.Range(0, 200), i => Assert.InRange(Value(i, 1), 0.1, 0.5));
        Assert.Equal(["1", "2", "3", "4"], runs.Select(r => r[2].Split('=')[1]).Distinct().Order());
        Assert.Equal(["adam", "sgd"], runs.Select(r => r[3].Split('=')[1]).Distinct().Order());
        Assert.Contains(Enumerable.Range(0, 200), i => Value(i, 0) < 1e-3);
        Assert.All(runs, r => Assert.Contains('.', r[1]));
    }

    [Theory]
    [InlineData("lr=log:0..1", "a log range needs ends above 0")]
    [InlineData("lr=0.5..0.1", "the lower end is above the upper one")]
    [InlineData("layers=int:1.5..4", "an int range needs whole-number ends")]
    [InlineData("lr=log:small..big", "the ends must be numbers")]
    public void A_bad_range_is_one_line_naming_it_and_what_is_valid(string update, string why)
    {
        var error = Assert.Throws<UsageException>(() => SweepPlan.Parse([update]));

        Assert.Equal($"sweep: invalid range '{update}': {why}; valid: {update.Split('=')[0]}=0.1..0.5, {update.Split('=')[0]}=log:1e-4..1e-1, {update.Split('=')[0]}=int:1..4", error.Message);
    }

    [Fact]
    public void Nothing_to_sweep_and_a_range_in_a_grid_are_usage_errors()
    {
        Assert.StartsWith("sweep: nothing to sweep", Assert.Throws<UsageException>(() => SweepPlan.Parse(["lr=0.1"])).Message, StringComparison.Ordinal);
        Assert.StartsWith("sweep: 'lr' is a range", Assert.Throws<UsageException>(() => SweepPlan.Parse(["lr=0.1..0.2"]).Grid()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_options_parse_durations_and_refuse_bad_values()
    {
        var options = WorkerOptions.Parse(["--store", "runs", "--lease", "2s", "--exit-when-empty", "--any-build", "--max-attempts", "5", "--poll", "0.5"]);

        Assert.Equal(("runs", TimeSpan.FromSeconds(2), true, true, 5, TimeSpan.FromSeconds(0.5)), (options.Store, options.Lease, options.ExitWhenEmpty, options.AnyBuild, options.MaxAttempts, options.Poll));
        Assert.Equal(TimeSpan.FromSeconds(60), WorkerOptions.Parse([]).Lease);
        Assert.Equal(
            "invalid value '0' for --lease; expected a positive duration such as 60s, 5m, 00:01:30 or a number of seconds",
            Assert.Throws<UsageException>(() => WorkerOptions.Parse(["--lease", "0"])).Message);
        Assert.StartsWith("unexpected argument 'with' for worker", Assert.Throws<UsageException>(() => WorkerOptions.Parse(["with", "lr=1"])).Message, StringComparison.Ordinal);
    }
}
