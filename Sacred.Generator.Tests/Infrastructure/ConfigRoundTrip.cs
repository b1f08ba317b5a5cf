using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Sacred.Generator.Tests.Infrastructure;

/// <summary>
/// Takes a config the whole way a user's config travels: updates on the command line, print_config, a recorded
/// run's stored config (<c>-F</c>), save_config, and <c>with saved.json</c>, which must give the same config.
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

            var storage = Path.Combine(directory, "runs");
            var run = experiment.Run(typeName, [.. withUpdates, "-F", storage]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            // The run's id is the one every observer agreed on, the embedded store's included: find its folder.
            var recorded = Assert.Single(Directory.GetFiles(storage, "config.json", SearchOption.AllDirectories));
            using var stored = JsonDocument.Parse(File.ReadAllText(recorded));
            using var file = JsonDocument.Parse(File.ReadAllText(saved));
            Assert.Equal(file.RootElement.ToString(), stored.RootElement.ToString());
            return stored.RootElement.Clone();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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
