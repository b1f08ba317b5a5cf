using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Sacred.Samples.Tests;

namespace Sacred.Mnist.Tests;

/// <summary>One finished run of the Mnist sample, with what it printed parsed.</summary>
public sealed partial class MnistRun
{
    private MnistRun(ProcessOutcome outcome, string outputDir)
    {
        Outcome = outcome;
        OutputDir = outputDir;
        Losses = StepLine().Matches(outcome.Stdout).Select(m => double.Parse(m.Groups["loss"].Value, CultureInfo.InvariantCulture)).ToList();
        Validations = ValidationLine().Matches(outcome.Stdout).Select(m => m.Value).ToList();
    }

    public ProcessOutcome Outcome { get; }

    /// <summary>The run's <c>output_dir</c>, a fresh temporary folder.</summary>
    public string OutputDir { get; }

    /// <summary>The training loss of every step, in order (the sample runs with <c>print_every=1</c>).</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary>The validation line of every epoch, as printed.</summary>
    public IReadOnlyList<string> Validations { get; }

    /// <summary>The one folder the run wrote its events and checkpoint to.</summary>
    public string RunFolder => Directory.GetDirectories(OutputDir).Single(d => Path.GetFileName(d) != "store");

    /// <summary>The embedded store the run recorded into (one run).</summary>
    public string Store => Path.Combine(OutputDir, "store");

    /// <summary>
    /// Runs <paramref name="command"/> (the JIT sample through <c>dotnet</c>, or the AOT binary) <c>with fast</c> on
    /// rendered digits, recording into its own store.
    /// </summary>
    public static MnistRun Start(string[] command, params string[] updates) =>
        Launch(command, ["data.source=synthetic", .. updates]);

    /// <summary>Runs <paramref name="command"/> <c>with fast</c> on the IDX files in <paramref name="dataDir"/>, recording into its own store.</summary>
    public static MnistRun StartOnIdx(string[] command, string dataDir, params string[] updates) =>
        Launch(command, ["data.dir=" + dataDir, .. updates]);

    /// <summary>Runs <paramref name="command"/> <c>with fast</c> and the sample's own data settings, recording into its own store.</summary>
    public static MnistRun StartWithDefaultData(string[] command, params string[] updates) => Launch(command, updates);

    private static MnistRun Launch(string[] command, IEnumerable<string> updates)
    {
        var outputDir = Path.Combine(Path.GetTempPath(), "sacred-mnist-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outputDir);
        var arguments = command.Skip(1)
            .Concat(new[] { "with", "fast" })
            .Concat(updates)
            .Concat(new[] { "print_every=1", "threads=1", "output_dir=" + outputDir, "--store", Path.Combine(outputDir, "store") })
            .ToArray();
        var outcome = Processes.Run(command[0], arguments, outputDir, TimeSpan.FromMinutes(2));
        return new MnistRun(outcome, outputDir);
    }

    /// <summary>The sample as built beside this test project (same configuration), run through <c>dotnet</c>.</summary>
    public static string[] Jit()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return new[] { "dotnet", Path.Combine(Processes.RepositoryRoot(), "samples", "Mnist", "bin", configuration, "net10.0", "mnist.dll") };
    }

    [GeneratedRegex(@"^epoch \d+/\d+  step \d+/\d+  loss (?<loss>\d+\.\d+)", RegexOptions.Multiline)]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^epoch \d+/\d+  validation loss .*$", RegexOptions.Multiline)]
    private static partial Regex ValidationLine();
}
