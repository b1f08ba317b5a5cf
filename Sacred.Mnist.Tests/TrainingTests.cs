using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>The Mnist sample run as a user runs it (<c>dotnet mnist.dll with fast ...</c>): it learns, it is reproducible.</summary>
public sealed class TrainingTests : IClassFixture<TrainingTests.SeededRuns>
{
    private readonly SeededRuns _runs;

    public TrainingTests(SeededRuns runs) => _runs = runs;

    [Fact]
    public void A_few_steps_lower_the_training_loss_and_validate_every_epoch()
    {
        var run = _runs.First;

        Assert.True(run.Outcome.ExitCode == 0, run.Outcome.Stdout + run.Outcome.Stderr);
        Assert.Equal(10, run.Losses.Count);
        Assert.True(run.Losses.Skip(7).Average() < run.Losses.Take(3).Average() - 0.1, "loss did not go down: " + string.Join(", ", run.Losses));
        Assert.Equal(2, run.Validations.Count);
        var result = double.Parse(run.Outcome.Stderr.Split("Result: ")[1].Split('\n')[0], CultureInfo.InvariantCulture);
        Assert.InRange(result, 0.2, 1.0);
        Assert.Contains("Completed after", run.Outcome.Stderr);
    }

    [Fact]
    public void Checkpoint_and_tensorboard_events_are_written_to_the_runs_folder()
    {
        var run = _runs.First;

        Assert.True(new FileInfo(Path.Combine(run.RunFolder, "model.bin")).Length > 100_000);
        var scalars = TensorBoardEvents.ReadScalars(Directory.GetFiles(run.RunFolder, "events.out.tfevents.*").Single());
        var training = scalars.Where(s => s.Tag == "training/loss").ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), training.Select(s => s.Step));
        Assert.All(training.Zip(run.Losses), pair => Assert.True(Math.Abs(pair.First.Value - pair.Second) < 1e-5, $"{pair.First} vs printed {pair.Second}"));
        Assert.Equal(new long[] { 5, 10 }, scalars.Where(s => s.Tag == "validation/accuracy").Select(s => s.Step));
        Assert.Equal(new long[] { 5, 10 }, scalars.Where(s => s.Tag == "validation/loss").Select(s => s.Step));
    }

    [Fact]
    public void Every_recorded_piece_is_in_the_store()
    {
        var run = _runs.First;
        using var store = Sacred.Storage.Reading.RunStore.Open(run.Store);
        var summary = Assert.Single(store.ListRuns(new Sacred.Storage.Reading.RunQuery()).Runs);
        var detail = store.GetRun(summary.Id)!;

        Assert.Equal("COMPLETED", summary.Status);
        Assert.Equal(7, summary.Seed);
        Assert.Equal(7, detail.Config.Get("seed")!.IntegerValue);
        Assert.Equal(5, detail.Config.Get("steps_per_epoch")!.IntegerValue);
        Assert.Contains("steps_per_epoch", detail.Modifications.Modified);
        var loss = store.GetMetric(summary.Id, "training.loss", 1000)!;
        Assert.Equal(run.Losses.Count, loss.Points.Count);
        Assert.All(loss.Points.Zip(run.Losses), pair => Assert.True(Math.Abs(pair.First.Value - pair.Second) < 1e-5, $"stored {pair.First.Value} vs printed {pair.Second}"));
        Assert.Equal(new long[] { 5, 10 }, store.GetMetric(summary.Id, "validation.accuracy", 1000)!.Points.Select(p => p.Step));
        Assert.Equal(2, detail.Metrics.Single(m => m.Name == "validation.loss").Count);
        var checkpoint = Assert.Single(detail.Artifacts, a => a.Name == "model.bin");
        Assert.Equal(new FileInfo(Path.Combine(run.RunFolder, "model.bin")).Length, checkpoint.Size);
        var logdirs = detail.Info.Get("tensorflow")!.Get("logdirs")!.Items.Select(i => i.StringValue).ToList();
        Assert.Equal(new[] { run.RunFolder }, logdirs);
        Assert.Contains(detail.Experiment.Sources, s => s.Path.EndsWith(".cs", StringComparison.Ordinal) && store.ReadText(s.Hash).Contains("[Experiment", StringComparison.Ordinal));
        Assert.Equal(summary.Result!.FloatValue, detail.Summary.Result!.FloatValue);
    }

    [Fact]
    public void Same_seed_gives_identical_losses_and_another_seed_does_not()
    {
        Assert.Equal(10, _runs.Second.Losses.Count);
        Assert.Equal(_runs.First.Losses, _runs.Second.Losses);
        Assert.Equal(_runs.First.Validations, _runs.Second.Validations);
        Assert.NotEqual(_runs.First.Losses, _runs.Other.Losses);
    }

    /// <summary>Three short runs shared by the tests: seed 7 twice, seed 8 once.</summary>
    public sealed class SeededRuns : IDisposable
    {
        public SeededRuns()
        {
            First = MnistRun.Start(MnistRun.Jit(), "steps_per_epoch=5", "epochs=2", "seed=7");
            Second = MnistRun.Start(MnistRun.Jit(), "steps_per_epoch=5", "epochs=2", "seed=7");
            Other = MnistRun.Start(MnistRun.Jit(), "steps_per_epoch=5", "epochs=2", "seed=8");
        }

        public MnistRun First { get; }

        public MnistRun Second { get; }

        public MnistRun Other { get; }

        public void Dispose()
        {
            foreach (var run in new[] { First, Second, Other })
            {
                Directory.Delete(run.OutputDir, recursive: true);
            }
        }
    }
}
