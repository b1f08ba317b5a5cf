using System;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Mnist;

/// <summary>
/// Shows training progress: a live Spectre.Console bar with the loss and the time left on an interactive terminal;
/// plain lines every few steps when output goes to a file or a pipe, so recorded output stays readable (a capture on a
/// terminal keeps the terminal: the bar stays live and the record keeps its last frame).
/// </summary>
public abstract class TrainingProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private protected TrainingProgress(int epochs, int stepsPerEpoch)
    {
        Epochs = epochs;
        TotalSteps = epochs * stepsPerEpoch;
    }

    /// <summary>True when stdout is a terminal that can redraw a live bar.</summary>
    public static bool IsInteractive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private protected int Epochs { get; }

    private protected int TotalSteps { get; }

    /// <summary>Runs <paramref name="training"/> with the progress display that suits the output.</summary>
    /// <param name="epochs">Epochs planned.</param>
    /// <param name="stepsPerEpoch">Steps per epoch.</param>
    /// <param name="printEvery">Steps between plain lines; 0 for about ten lines per epoch.</param>
    /// <param name="training">The training loop, reporting to the display it is given.</param>
    public static T Show<T>(int epochs, int stepsPerEpoch, int printEvery, Func<TrainingProgress, T> training)
    {
        if (!IsInteractive)
        {
            return training(new PlainLines(epochs, stepsPerEpoch, printEvery > 0 ? printEvery : Math.Max(1, stepsPerEpoch / 10)));
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => training(new LiveBar(context.AddTask("training", maxValue: epochs * stepsPerEpoch), epochs, stepsPerEpoch)));
    }

    /// <summary>One gradient step done.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="step">Steps done in all, from 1.</param>
    /// <param name="loss">The step's training loss.</param>
    public abstract void Step(int epoch, int step, double loss);

    /// <summary>An epoch's validation done.</summary>
    /// <param name="epoch">The epoch, from 1.</param>
    /// <param name="loss">Mean validation loss.</param>
    /// <param name="accuracy">Validation accuracy.</param>
    /// <param name="best">Best validation accuracy so far.</param>
    public void Validated(int epoch, double loss, double accuracy, double best) =>
        WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{Epochs}  validation loss {loss:F6}  accuracy {accuracy * 100:F2}%  (best {best * 100:F2}%)"));

    private protected TimeSpan Elapsed => _clock.Elapsed;

    private protected abstract void WriteLine(string line);

    /// <summary>A line every N steps with the mean loss since the previous line, the speed and the time left.</summary>
    private sealed class PlainLines(int epochs, int stepsPerEpoch, int every) : TrainingProgress(epochs, stepsPerEpoch)
    {
        private double _lossSum;
        private int _losses;

        public override void Step(int epoch, int step, double loss)
        {
            _lossSum += loss;
            _losses++;
            if (step % every != 0 && step != TotalSteps)
            {
                return;
            }

            var rate = step / Math.Max(Elapsed.TotalSeconds, 1e-9);
            var left = TimeSpan.FromSeconds(Math.Round((TotalSteps - step) / rate));
            WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{Epochs}  step {step}/{TotalSteps}  loss {_lossSum / _losses:F6}  {rate:F1} steps/s  ETA {left:h\\:mm\\:ss}"));
            _lossSum = 0;
            _losses = 0;
        }

        private protected override void WriteLine(string line) => Console.Out.WriteLine(line);
    }

    /// <summary>
    /// The live bar; its description shows the epoch and the loss averaged over about the last 20 steps, updated at
    /// most 20 times a second.
    /// </summary>
    private sealed class LiveBar(ProgressTask task, int epochs, int stepsPerEpoch) : TrainingProgress(epochs, stepsPerEpoch)
    {
        private TimeSpan? _described;
        private double? _smoothed;

        public override void Step(int epoch, int step, double loss)
        {
            _smoothed = _smoothed is { } previous ? (0.95 * previous) + (0.05 * loss) : loss;
            task.Value = step;
            if (_described is not { } last || Elapsed - last >= TimeSpan.FromMilliseconds(50) || step == TotalSteps)
            {
                _described = Elapsed;
                task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}/{Epochs}  loss {_smoothed:F4}");
            }
        }

        private protected override void WriteLine(string line) => AnsiConsole.WriteLine(line);
    }
}
