using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Sacred.Generated;
using Sacred.Host;
using Sacred.Observers;
using Sacred.Recording;
using Sacred.Storage.Reading;
using Sacred.Tool.Rerun;
using Xunit;

namespace Sacred.Tool.Tests;

/// <summary>
/// What <c>sacred rerun</c> ignores when it compares captured output: what differs between any two runs of the same
/// code (times, speeds, the run's own id), and nothing else. Two runs recorded into a real store, as a run and its
/// rerun are.
/// </summary>
public sealed class RerunOutputComparisonTests : IDisposable
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "sacred-rerun-output-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_store, recursive: true);

    [Fact]
    public void Progress_speeds_and_the_runs_own_folder_name_are_not_differences()
    {
        // What the Mnist sample prints (a progress line with its speed, the checkpoint in the run's own folder).
        var output = Compare(
            "epoch 1/2  step 1/8  loss 2.318330  19.0 steps/s  ETA 0:00:00\n100%|####| 8/8 [00:01<00:00, 7.31it/s]\nsaved 1.52s/it\ncheckpoint /tmp/out/mnist-1/model.bin in run_1\n",
            "epoch 1/2  step 1/8  loss 2.318330  32.5 steps/s  ETA 0:00:00\n100%|####| 8/8 [00:01<00:00, 12.5it/s]\nsaved 0.9s/it\ncheckpoint /tmp/out/mnist-2/model.bin in run_2\n");

        Assert.True(output.Equal, output.Text);
        Assert.Equal("output: equal, 4 lines (times and run ids ignored)", output.Text);
    }

    [Fact]
    public void A_changed_value_beside_them_is_still_a_difference()
    {
        var loss = Compare("step 1/8  loss 2.318330  19.0 steps/s\n", "step 1/8  loss 2.318331  19.0 steps/s\n");
        var folder = Compare("checkpoint /tmp/out/mnist-7/model.bin\n", "checkpoint /tmp/out/mnist-8/model.bin\n");
        var step = Compare("epoch 1/2  step 2/8\n", "epoch 1/2  step 1/8\n");

        // A folder named by a GUID that starts with the rerun's id (run 2) is the same folder in both outputs, not
        // the run's own id; only the run's folder inside it is masked. CI met this: "sacred-mnist-2d35…" became
        // "sacred-mnist-<id>d35…" in the rerun's output alone, and a rerun that reproduced every loss was reported
        // diverged.
        var guid = Compare(
            "checkpoint /tmp/sacred-mnist-2d35bdf73e8d44259efa37782cd732fa/mnist-1/model.bin\n",
            "checkpoint /tmp/sacred-mnist-2d35bdf73e8d44259efa37782cd732fa/mnist-2/model.bin\n");
        var recordedGuid = Compare(
            "checkpoint /tmp/sacred-mnist-1f0e/mnist-1/model.bin\n",
            "checkpoint /tmp/sacred-mnist-1f0e/mnist-2/model.bin\n");

        Assert.Equal("output: differs: \"step 1/8  loss 2.318330  <rate>\" (line 1 recorded) is not in the new output", loss.Text);
        Assert.False(folder.Equal, folder.Text);
        Assert.False(step.Equal, step.Text);
        Assert.True(guid.Equal, guid.Text);
        Assert.True(recordedGuid.Equal, recordedGuid.Text);
    }

    /// <summary>Records run 1 with <paramref name="recorded"/> and run 2 with <paramref name="now"/> as output; their output line.</summary>
    private ComparisonLine Compare(string recorded, string now)
    {
        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }

        Record(recorded);
        Record(now);
        using var store = RunStore.Open(_store);
        return RunComparison.Compare(store, store.GetRun(1)!, store.GetRun(2)!).Single(l => l.Text.StartsWith("output:", StringComparison.Ordinal));
    }

    private void Record(string output)
    {
        var observer = new EmbeddedStoreObserver(_store);
        observer.Open();
        var empty = new ConfigObjectBuilder().Build();
        observer.StartedEvent(new RunStartedEvent(
            null,
            "run",
            new ExperimentInfo("exp", "/home/ada/repo/exp", "Exp.cs", [new SourceFileInfo("Exp.cs", "0123456789abcdef0123456789abcdef", "// exp")], [], []),
            new HostInfo("box", ["Linux"], null, null, "10.0.0", new Dictionary<string, string>(), new Dictionary<string, ConfigNode>()),
            DateTime.UtcNow,
            empty,
            new ConfigModifications([], [], []),
            new MetaInfo("run", empty, null, [], empty, null),
            7));
        observer.HeartbeatEvent(new HeartbeatEvent(DateTime.UtcNow, empty, null, output, [], true));
        observer.EndedEvent(new RunEndedEvent(DateTime.UtcNow, "COMPLETED", null, null));
        observer.Close();
    }
}
