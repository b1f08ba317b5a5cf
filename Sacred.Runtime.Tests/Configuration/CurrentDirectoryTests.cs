using System.IO;
using Sacred.Runtime.Tests.Fakes;
using Xunit;

namespace Sacred.Runtime.Tests.Configuration;

[CollectionDefinition(nameof(CurrentDirectoryTests), DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

[Collection(nameof(CurrentDirectoryTests))]
public sealed class CurrentDirectoryTests
{
    [Fact]
    public void Save_config_writes_config_json_in_the_current_directory_by_default()
    {
        using var files = new TempFiles();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(files.Directory);
        try
        {
            var result = HostRun.Of(new FakeExperiment(), "save_config", "with", "seed=3");

            Assert.Equal("INFO - mnist - Saving config to \"config.json\"\n", result.Error);
            Assert.Contains("\"seed\": 3", File.ReadAllText(files.PathOf("config.json")), System.StringComparison.Ordinal);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void A_relative_updates_file_is_read_from_the_current_directory()
    {
        using var files = new TempFiles();
        files.Write("v2.json", """{"model": {"depth": 9}}""");
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(files.Directory);
        try
        {
            var result = HostRun.Of(new FakeExperiment(), "print_config", "with", "v2.json", "seed=1");

            Assert.Contains("    depth = 9                        # Number of hidden layers.  [modified]\n", result.Out, System.StringComparison.Ordinal);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}
