using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Sacred.Generated;
using Sacred.Recording;
using Sacred.Running;
using Sacred.Runtime.Tests.Fakes;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Runtime.Tests.Running;

[CollectionDefinition(nameof(HardStopTests), DisableParallelization = true)]
public sealed class HardStopCollection;

/// <summary>
/// Embedding never kills the host: a command that ignores its cancellation is ended for it after the grace
/// period, recorded as INTERRUPTED, and the embedding caller gets 130 back while its process lives on. (Alone in
/// its collection: the grace period is a process-wide environment variable.)
/// </summary>
[Collection(nameof(HardStopTests))]
public sealed class HardStopTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly string? _previousGrace = Environment.GetEnvironmentVariable(HardStop.GraceVariable);

    public HardStopTests() => Environment.SetEnvironmentVariable(HardStop.GraceVariable, "0.3");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(HardStop.GraceVariable, _previousGrace);
        _files.Dispose();
    }

    [Fact]
    public void A_command_that_ignores_its_cancellation_is_recorded_interrupted_and_the_caller_gets_130()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var finished = new ManualResetEventSlim();
        using var interrupt = new CancellationTokenSource();
        var model = _files.Write("model.txt", "weights");
        var experiment = new FakeExperiment();
        experiment.Handlers["train"] = (state, run) =>
        {
            try
            {
                run.LogScalar("loss", 0.5);
                run.LogScalar("loss", 0.25);
                started.Set();
                release.Wait(TimeSpan.FromMinutes(1)); // deaf to run.CancellationToken
                run.AddArtifact(model);
                return ConfigNode.From("too late");
            }
            finally
            {
                finished.Set();
            }
        };
        var store = Path.Combine(_files.Directory, "store");
        var stderr = new StringWriter();
        using var canceller = Task.Run(() =>
        {
            started.Wait(TimeSpan.FromMinutes(1));
            interrupt.Cancel();
        });

        var exitCode = ExperimentHost.Run(experiment, ["--store", store], new StringWriter(), stderr, interrupt.Token);

        Assert.Equal(130, exitCode);
        Assert.False(finished.IsSet, "the command was still running when the host returned");
        Assert.Contains("(the command did not stop by itself)", stderr.ToString(), StringComparison.Ordinal);
        Assert.Null(Run.Current);
        using (var runs = RunStore.Open(store))
        {
            var run = runs.GetRun(Assert.Single(runs.ListRuns(new RunQuery()).Runs).Id)!;
            Assert.Equal(RunStatus.Interrupted, run.Summary.Status);
            Assert.NotNull(run.Summary.StopTime);
            Assert.Equal(
                [0.5, 0.25],
                runs.GetMetric(run.Summary.Id, "loss", 10)!.Points.Select(p => p.Value));
        }

        // The abandoned command ends when it is let go, on its own thread; what it reports then goes nowhere.
        release.Set();
        Assert.True(finished.Wait(TimeSpan.FromMinutes(1)));
        using (var runs = RunStore.Open(store))
        {
            Assert.Empty(runs.GetRun(Assert.Single(runs.ListRuns(new RunQuery()).Runs).Id)!.Artifacts);
        }

        Assert.DoesNotContain("An error occurred", stderr.ToString(), StringComparison.Ordinal);
    }
}
