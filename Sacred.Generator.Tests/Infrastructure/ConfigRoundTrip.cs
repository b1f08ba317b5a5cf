using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sacred.Storage.Reading;
using Xunit;

namespace Sacred.Generator.Tests.Infrastructure;

/// <summary>
/// Takes a config the whole way a user's config travels: updates on the command line, print_config, a recorded
/// run's stored config (the embedded store and <c>-F</c>), save_config, and <c>with saved.json</c>, which must give the same config
/// and the same result of main.
/// </summary>
internal static class ConfigRoundTrip
{
    /// <summary>Runs the checks and returns the stored <c>config.json</c> of the recorded run.</summary>
    public static JsonElement Check(CompiledExperiment experiment, string typeName, params string[] updates)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sacred-roundtrip-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var withUpdates = new[] { "with", "seed=1" }.Concat(updates).ToArray();
            var printed = experiment.Run(typeName, ["print_config", .. withUpdates]);
            Assert.True(printed.ExitCode == 0, printed.Stderr);

            var saved = Path.Combine(directory, "saved.json");
            var save = experiment.Run(typeName, ["save_config", .. withUpdates, "config_filename=" + saved]);
            Assert.True(save.ExitCode == 0, save.Stderr);
            var reloaded = experiment.Run(typeName, "print_config", "with", saved);
            Assert.True(reloaded.ExitCode == 0, reloaded.Stderr);
            Assert.Equal(Values(printed.Stdout), Values(reloaded.Stdout));

            // The typed config the code receives (whole, or key by key) is the same too: main's result says so.
            var ran = experiment.Run(typeName, [.. withUpdates, "-u"]);
            var rerun = experiment.Run(typeName, "with", saved, "-u");
            Assert.True(ran.ExitCode == 0 && rerun.ExitCode == 0, ran.Stderr + rerun.Stderr);
            Assert.Equal(Result(ran.Stderr), Result(rerun.Stderr));

            var storage = Path.Combine(directory, "runs");
            var store = Path.Combine(directory, "store");
            var run = experiment.Run(typeName, [.. withUpdates, "-F", storage, "--store", store]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            // The run's id is the one every observer agreed on, the embedded store's included: find its folder.
            var recorded = Assert.Single(Directory.GetFiles(storage, "config.json", SearchOption.AllDirectories));
            using var stored = JsonDocument.Parse(File.ReadAllText(recorded));
            using var file = JsonDocument.Parse(File.ReadAllText(saved));
            Assert.Equal(file.RootElement.ToString(), stored.RootElement.ToString());

            var id = long.Parse(Path.GetFileName(Path.GetDirectoryName(recorded))!, System.Globalization.CultureInfo.InvariantCulture);
            using (var runs = RunStore.Open(store))
            {
                var inStore = runs.GetRun(id) ?? throw new Xunit.Sdk.XunitException("run " + id + " is not in the embedded store");
                Assert.Equal(File.ReadAllText(saved), inStore.Config.ToJson(indented: true));
            }

            return stored.RootElement.Clone();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The run's <c>Result: ...</c> line.</summary>
    private static string Result(string stderr)
    {
        var line = Assert.Single(stderr.Split('\n'), l => l.Contains("Result: ", StringComparison.Ordinal));
        return line[line.IndexOf("Result: ", StringComparison.Ordinal)..];
    }

    /// <summary>The <c>key = value</c> part of print_config's lines, without docs and change markers.</summary>
    private static string[] Values(string printed) => printed.Split('\n')
        .Skip(1)
        .Select(line => Regex.Replace(line, @"\s+\[(modified|added|typechanged)\]$", string.Empty))
        .Select(line => line.IndexOf("  # ", StringComparison.Ordinal) is var doc and >= 0 ? line[..doc] : line)
        .Select(line => line.TrimEnd())
        .Where(line => line.Length > 0)
        .ToArray();
}
