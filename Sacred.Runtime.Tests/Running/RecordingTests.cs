using System;
using System.IO;
using System.Linq;
using Sacred.Host;
using Sacred.Recording;
using Sacred.Runtime.Tests.Fakes;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Runtime.Tests.Running;

/// <summary>What a run records, read back from a real embedded store.</summary>
public sealed class RecordingTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "sacred-recording-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    [Fact]
    public void A_timeout_interrupt_ends_the_run_with_status_timeout_and_exit_130()
    {
        var experiment = new FakeExperiment();
        experiment.Handlers["train"] = (state, run) => throw new TimeoutInterrupt();

        var result = HostRun.Of(experiment, "--store", _store);

        Assert.Equal(130, result.ExitCode);
        Assert.Equal(RunStatus.Timeout, OnlyRun().Summary.Status);
    }

    [Fact]
    public void Info_resources_metrics_and_an_intermediate_result_are_recorded()
    {
        var data = Path.Combine(Path.GetTempPath(), "sacred-resource-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(data, "a,b\n1,2\n");
        var experiment = new FakeExperiment();
        experiment.Handlers["evaluate"] = (state, run) =>
        {
            run.Info["phase"] = ConfigNode.From("eval");
            run.Result = ConfigNode.From(0.5);
            using (run.OpenResource(data))
            {
            }

            for (var i = 0; i < 100; i++)
            {
                run.LogScalar("loss", 1.0 / (i + 1));
            }

            run.LogScalar("accuracy", 0.9, 1000);
            return null;
        };

        try
        {
            Assert.Equal(0, HostRun.Of(experiment, "evaluate", "--store", _store).ExitCode);
        }
        finally
        {
            File.Delete(data);
        }

        var detail = OnlyRun();
        Assert.Equal("eval", detail.Info.Get("phase")!.StringValue);
        Assert.Equal(0.5, detail.Summary.Result!.FloatValue);
        var resource = Assert.Single(detail.Resources);
        Assert.Equal(Path.GetFullPath(data), resource.Path);
        Assert.Equal("3d3cd5c3bb1bd0e4c7f0ba1a2a9c1a7e".Length, resource.Md5.Length);
        Assert.Equal(100, detail.Metrics.Single(m => m.Name == "loss").Count);
        Assert.Equal(99, detail.Metrics.Single(m => m.Name == "loss").LastStep);
        Assert.Equal(1000, detail.Metrics.Single(m => m.Name == "accuracy").LastStep);
    }

    [Fact]
    public void Custom_host_info_entries_are_recorded()
    {
        HostInfoReader.AddGatherer("cluster", () => ConfigNode.From("gpu-pool-a"));

        Assert.Equal(0, HostRun.Of(new FakeExperiment(), "evaluate", "--store", _store).ExitCode);

        Assert.Equal("gpu-pool-a", OnlyRun().Host.Extra["cluster"].StringValue);
        Assert.Throws<ArgumentException>(() => HostInfoReader.AddGatherer("hostname", () => null));
    }

    private RunDetail OnlyRun()
    {
        using var store = RunStore.Open(_store);
        return store.GetRun(Assert.Single(store.ListRuns(new RunQuery()).Runs).Id)!;
    }
}
