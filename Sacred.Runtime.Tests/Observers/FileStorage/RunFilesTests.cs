using System;
using System.IO;
using System.Linq;
using Sacred.Observers;
using Sacred.Recording;
using Xunit;

namespace Sacred.Runtime.Tests.Observers.FileStorage;

public sealed class RunFilesTests : IDisposable
{
    private readonly TempFiles _temp = new();

    private string BaseDirectory => _temp.PathOf("runs");

    [Fact]
    public void Config_json_has_sorted_keys_and_an_indent_of_two()
    {
        Started();

        Assert.Equal(
            "{\n  \"lr\": 0.1,\n  \"model\": {\n    \"depth\": 3,\n    \"width\": 64\n  },\n  \"seed\": 151625947\n}",
            Read("1/config.json"));
    }

    [Fact]
    public void Cout_txt_is_created_empty_and_appended_at_each_heartbeat()
    {
        var observer = Started();
        Assert.Equal("", Read("1/cout.txt"));

        observer.HeartbeatEvent(SampleRun.Beat(1, "epoch 1\n"));
        observer.HeartbeatEvent(SampleRun.Beat(2));
        observer.HeartbeatEvent(SampleRun.Beat(3, "epoch 2 ✓\n", isFinal: true));

        Assert.Equal("epoch 1\nepoch 2 ✓\n", Read("1/cout.txt"));
    }

    [Fact]
    public void Info_json_is_written_once_info_is_not_empty()
    {
        var observer = Started();
        observer.HeartbeatEvent(SampleRun.Beat(1));
        Assert.False(File.Exists(PathOf("1/info.json")));

        observer.HeartbeatEvent(SampleRun.Beat(2, info: SampleRun.Json("""{"tensorflow": {"logdirs": ["/tmp/tb"]}}""")));

        Assert.Equal(
            "{\n  \"tensorflow\": {\n    \"logdirs\": [\n      \"/tmp/tb\"\n    ]\n  }\n}",
            Read("1/info.json"));
    }

    [Fact]
    public void Sources_are_stored_once_per_content_across_runs()
    {
        var utils = SampleRun.Source("lib/utils.cs", "class Utils {}\n");
        Started(SampleRun.Started(sources: [SampleRun.Source("train.cs", "class Train {}\n"), utils]));
        Started(SampleRun.Started(sources: [SampleRun.Source("train.cs", "class Train { int epochs; }\n"), utils]));

        var stored = Directory.GetFiles(PathOf("_sources")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(3, stored.Length);
        Assert.Contains("utils_" + utils.Md5 + ".cs", stored);
        Assert.Equal("class Utils {}\n", Read("_sources/utils_" + utils.Md5 + ".cs"));
        var secondTrain = SampleRun.Json(Read("2/run.json")).Get("experiment.sources")!.Items[0];
        Assert.Equal("train.cs", secondTrain.Items[0].StringValue);
        Assert.Equal("class Train { int epochs; }\n", Read(secondTrain.Items[1].StringValue));
    }

    [Theory]
    [InlineData("train.cs", "abc", "train_abc.cs")]
    [InlineData("pkg/data.tar.gz", "abc", "data.tar_abc.gz")]
    [InlineData("Makefile", "abc", "Makefile_abc")]
    [InlineData(".editorconfig", "abc", ".editorconfig_abc")]
    [InlineData("..hidden", "abc", "..hidden_abc")]
    public void Stored_names_split_the_extension_as_python_does(string path, string md5, string expected) =>
        Assert.Equal(expected, Sacred.Observers.FileStorage.StoredFileName.Of(path, md5));

    [Fact]
    public void Artifacts_are_copied_under_their_name_and_listed()
    {
        var observer = Started();
        var plot = _temp.Write("plot.png", "png bytes");

        observer.ArtifactEvent(new ArtifactEvent("loss.png", plot, "image/png", null));
        observer.ArtifactEvent(new ArtifactEvent("plots/loss.png", plot, null, null));

        Assert.Equal("png bytes", Read("1/loss.png"));
        Assert.Equal("png bytes", Read("1/plots/loss.png"));
        Assert.Equal("""["loss.png","plots/loss.png"]""", SampleRun.Json(Read("1/run.json")).Get("artifacts")!.ToJson(indented: false));
    }

    [Theory]
    [InlineData("run.json")]
    [InlineData("config.json")]
    [InlineData("cout.txt")]
    [InlineData("metrics.json")]
    [InlineData("./run.json")]
    public void Artifacts_cannot_replace_Sacreds_own_files(string name)
    {
        var observer = Started();
        var before = Read("1/run.json");
        var file = _temp.Write("x.json", "{}");

        var error = Assert.Throws<IOException>(() => observer.ArtifactEvent(new ArtifactEvent(name, file, null, null)));

        Assert.Contains($"artifact name '{name}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Read("1/run.json"));
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/tmp/absolute.txt")]
    [InlineData(".metrics/0.bin")]
    [InlineData(".metrics")]
    [InlineData("a/../../escape.txt")]
    [InlineData("")]
    public void Artifacts_must_name_a_file_inside_the_run_directory(string name)
    {
        var observer = Started();
        var file = _temp.Write("x.txt", "x");

        var error = Assert.Throws<IOException>(() => observer.ArtifactEvent(new ArtifactEvent(name, file, null, null)));

        Assert.Contains("inside the run directory", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.PathOf("escape.txt")));
    }

    [Fact]
    public void Resources_are_stored_once_and_listed_with_the_basedir_as_python_prints_it()
    {
        var data = _temp.Write("data.csv", "hello");
        var observer = new FileStorageObserver(_temp.Directory + "/./runs//");
        observer.StartedEvent(SampleRun.Started());

        observer.ResourceEvent(new ResourceEvent(data, "5d41402abc4b2a76b9719d911017c592"));
        observer.ResourceEvent(new ResourceEvent(data, "5d41402abc4b2a76b9719d911017c592"));

        Assert.Equal("hello", Read("_resources/data_5d41402abc4b2a76b9719d911017c592.csv"));
        Assert.Single(Directory.GetFiles(PathOf("_resources")));
        var entry = $"""["{data}","{BaseDirectory}/_resources/data_5d41402abc4b2a76b9719d911017c592.csv"]""";
        Assert.Equal($"[{entry},{entry}]", SampleRun.Json(Read("1/run.json")).Get("resources")!.ToJson(indented: false));
    }

    [Fact]
    public void Events_before_the_start_are_refused()
    {
        var observer = new FileStorageObserver(BaseDirectory);

        var error = Assert.Throws<InvalidOperationException>(() => observer.HeartbeatEvent(SampleRun.Beat(1)));

        Assert.Equal($"file storage {BaseDirectory}: no run has been started", error.Message);
    }

    public void Dispose() => _temp.Dispose();

    private FileStorageObserver Started(RunStartedEvent? run = null)
    {
        var observer = new FileStorageObserver(BaseDirectory);
        observer.Open();
        observer.StartedEvent(run ?? SampleRun.Started());
        return observer;
    }

    private string PathOf(string relative) => Path.Combine(BaseDirectory, relative);

    private string Read(string relative) => File.ReadAllText(PathOf(relative));
}
