using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Sacred.Mnist.Tests;

/// <summary>Ctrl-C stops training at a step boundary; the checkpoint so far is still saved.</summary>
public sealed class InterruptTests
{
    [Fact]
    public async Task Sigint_stops_training_cleanly_with_exit_code_130_and_a_checkpoint()
    {
        var outputDir = Path.Combine(Path.GetTempPath(), "sacred-mnist-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outputDir);
        try
        {
            var jit = MnistRun.Jit();
            var start = new ProcessStartInfo(jit[0]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = outputDir };
            foreach (var argument in new[] { jit[1], "with", "fast", "data.source=synthetic", "epochs=1000", "print_every=1", "threads=1", "output_dir=" + outputDir, "-u" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = new System.Text.StringBuilder();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null && !line.Contains("step 3/", StringComparison.Ordinal))
            {
                stdout.AppendLine(line);
            }

            Assert.NotNull(line);
            Interrupt(process.Id);
            stdout.Append(process.StandardOutput.ReadToEnd());
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the run did not stop");

            Assert.Equal(130, process.ExitCode);
            var errors = await stderr;
            Assert.Contains("Aborted after", errors);
            Assert.DoesNotContain("validation loss", stdout.ToString());
            Assert.True(File.Exists(Path.Combine(Directory.GetDirectories(outputDir).Single(), "model.bin")), stdout + errors);
        }
        finally
        {
            Directory.Delete(outputDir, recursive: true);
        }
    }

    private static void Interrupt(int pid)
    {
        using var kill = Process.Start("kill", new[] { "-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture) })!;
        kill.WaitForExit();
    }
}
