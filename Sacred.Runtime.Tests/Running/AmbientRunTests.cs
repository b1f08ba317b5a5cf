using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Sacred.Generated;
using Sacred.Runtime.Tests.Fakes;
using Xunit;

namespace Sacred.Runtime.Tests.Running;

/// <summary>
/// One ambient run: <see cref="Run.Current"/> and the config state generated code reads through it belong to the
/// run executing on that flow of control, follow it into tasks, and are gone when the run ends, so runs in one
/// process, one after the other or at the same time, never see each other's.
/// </summary>
public sealed class AmbientRunTests
{
    [Fact]
    public void The_current_run_and_its_config_state_are_the_run_s_own_and_reset_after_it()
    {
        var experiment = new FakeExperiment();
        Observed? seen = null;
        experiment.Handlers["train"] = (state, run) =>
        {
            seen = Observe(state, run);
            return null;
        };

        Assert.Equal(0, Embedded(experiment, "with", "batch_size=8"));

        Assert.NotNull(seen);
        Assert.True(seen.CurrentIsTheRun);
        Assert.True(seen.TaskSeesTheRun);
        Assert.True(seen.ConfigStateIsTheState);
        Assert.Equal(8, seen.BatchSize);
        Assert.Null(Run.Current);
    }

    [Fact]
    public void Two_runs_one_after_the_other_each_see_their_own_config()
    {
        var experiment = new FakeExperiment();
        var seen = new ConcurrentQueue<Observed>();
        experiment.Handlers["train"] = (state, run) =>
        {
            seen.Enqueue(Observe(state, run));
            return null;
        };

        Assert.Equal(0, Embedded(experiment, "with", "batch_size=8"));
        Assert.Null(Run.Current);
        Assert.Equal(0, Embedded(experiment, "with", "batch_size=64"));
        Assert.Null(Run.Current);

        Assert.Collection(
            seen,
            first => Assert.Equal((8, 8, true, true), (first.BatchSize, first.ConfigBatchSize, first.CurrentIsTheRun, first.ConfigStateIsTheState)),
            second => Assert.Equal((64, 64, true, true), (second.BatchSize, second.ConfigBatchSize, second.CurrentIsTheRun, second.ConfigStateIsTheState)));
    }

    [Fact]
    public async Task Two_concurrent_runs_never_see_each_others_config_or_run()
    {
        var experiment = new FakeExperiment();
        using var bothInside = new Barrier(2);
        var seen = new ConcurrentDictionary<int, Observed>();
        experiment.Handlers["train"] = (state, run) =>
        {
            // Both runs are inside their commands at once before either looks.
            Assert.True(bothInside.SignalAndWait(TimeSpan.FromMinutes(1)));
            var observed = Observe(state, run);
            Assert.True(bothInside.SignalAndWait(TimeSpan.FromMinutes(1)));
            seen[state.BatchSize] = observed with { AfterTheOtherLooked = Observe(state, run) };
            return null;
        };

        var small = Task.Factory.StartNew(() => Embedded(experiment, "with", "batch_size=8"), TaskCreationOptions.LongRunning);
        var large = Task.Factory.StartNew(() => Embedded(experiment, "with", "batch_size=64"), TaskCreationOptions.LongRunning);

        var exitCodes = await Task.WhenAll(small, large);
        Assert.Equal([0, 0], exitCodes);
        foreach (var batchSize in new[] { 8, 64 })
        {
            var observed = seen[batchSize];
            Assert.Equal((batchSize, batchSize, true, true, true), (observed.BatchSize, observed.ConfigBatchSize, observed.CurrentIsTheRun, observed.TaskSeesTheRun, observed.ConfigStateIsTheState));
            Assert.Equal(observed with { AfterTheOtherLooked = null }, observed.AfterTheOtherLooked);
        }

        Assert.NotEqual(seen[8].RunId, seen[64].RunId);
    }

    private static int Embedded(FakeExperiment experiment, params string[] args) =>
        ExperimentHost.Run(experiment, ["-u", .. args], new StringWriter(), new StringWriter());

    /// <summary>What a command sees of the ambient run, the way generated captured overloads read it.</summary>
    private static Observed Observe(FakeState state, Run run)
    {
        var current = Run.Current;
        var fromTask = Task.Run(() => Run.Current).Result;
        var configState = (FakeState?)current?.ConfigState;
        return new Observed(
            ReferenceEquals(current, run),
            ReferenceEquals(fromTask, run),
            ReferenceEquals(configState, state),
            configState?.BatchSize ?? -1,
            (int)(current?.Config.Get("batch_size")?.IntegerValue ?? -1),
            IdentityOf(run));
    }

    private static int IdentityOf(Run run) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(run);

    private sealed record Observed(
        bool CurrentIsTheRun, bool TaskSeesTheRun, bool ConfigStateIsTheState, int BatchSize, int ConfigBatchSize, int RunId)
    {
        public Observed? AfterTheOtherLooked { get; init; }
    }
}
