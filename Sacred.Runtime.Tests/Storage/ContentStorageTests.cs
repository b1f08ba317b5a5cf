using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Sacred.Recording;
using Sacred.Storage.Reading;
using Xunit;

using static Sacred.Runtime.Tests.Storage.StoreEvents;

namespace Sacred.Runtime.Tests.Storage;

public sealed class ContentStorageTests
{
    private static string[] StoredFiles(string directory) =>
        [.. Directory.GetFiles(Path.Combine(directory, "files"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != "tmp")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!];

    [Fact]
    public void Sources_and_artifacts_are_stored_once_per_content_under_their_sha256()
    {
        using var temp = new TempFiles();
        var a = temp.Write("a.bin", "same bytes");
        var b = temp.Write("b.bin", "same bytes");
        var c = temp.Write("c.bin", "other bytes");
        for (var run = 0; run < 3; run++)
        {
            var observer = OpenObserver(temp.Directory);
            observer.StartedEvent(Started());
            observer.ArtifactEvent(new ArtifactEvent("first", a, null, null));
            observer.ArtifactEvent(new ArtifactEvent("second", b, null, null));
            observer.ArtifactEvent(new ArtifactEvent("third", c, "application/octet-stream", null));
            observer.Close();
        }

        string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(
            new[] { "class Mnist {}", "class Model {}", "same bytes", "other bytes" }.Select(Sha).Order(StringComparer.Ordinal),
            StoredFiles(temp.Directory));
        var sameHash = Sha("same bytes");
        Assert.True(File.Exists(Path.Combine(temp.Directory, "files", sameHash[..2], sameHash)));

        using var store = RunStore.Open(temp.Directory);
        var artifacts = store.GetRun(3)!.Artifacts;
        Assert.Equal(["first", "second", "third"], artifacts.Select(x => x.Name));
        Assert.Equal(artifacts[0].Hash, artifacts[1].Hash);
        using var reader = new StreamReader(store.OpenFile(artifacts[2].Hash));
        Assert.Equal("other bytes", reader.ReadToEnd());
        Assert.Equal("class Mnist {}", store.ReadText(store.GetRun(1)!.Experiment.Sources[0].Hash));
    }

    [Fact]
    public void Adding_an_artifact_name_again_points_it_to_the_new_content()
    {
        using var temp = new TempFiles();
        var path = temp.Write("model.txt", "v1");
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        observer.ArtifactEvent(new ArtifactEvent("model.txt", path, null, null));
        File.WriteAllText(path, "version 2");
        observer.ArtifactEvent(new ArtifactEvent("model.txt", path, null, null));
        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        var artifact = Assert.Single(store.GetRun(1)!.Artifacts);
        Assert.Equal(9, artifact.Size);
        using var reader = new StreamReader(store.OpenArtifact(1, "model.txt")!);
        Assert.Equal("version 2", reader.ReadToEnd());
    }

    [Fact]
    public void A_missing_artifact_file_fails_the_event_with_one_clear_line()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        var error = Assert.Throws<ObserverUnavailableException>(
            () => observer.ArtifactEvent(new ArtifactEvent("gone", temp.PathOf("gone.txt"), null, null)));
        observer.Close();

        Assert.StartsWith("embedded store " + temp.Directory + ": cannot record artifact 'gone':", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        using var store = RunStore.Open(temp.Directory);
        Assert.Empty(store.GetRun(1)!.Artifacts);
    }

    [Fact]
    public void Files_are_looked_up_by_hash_only()
    {
        using var temp = new TempFiles();
        OpenObserver(temp.Directory).Close();
        using var store = RunStore.Open(temp.Directory);
        Assert.Throws<ArgumentException>(() => store.OpenFile("../runs.db"));
        Assert.Throws<FileNotFoundException>(() => store.OpenFile(new string('a', 64)));
    }

    [Fact]
    public void Resources_are_recorded_once_per_path_and_md5()
    {
        using var temp = new TempFiles();
        var observer = OpenObserver(temp.Directory);
        observer.StartedEvent(Started());
        observer.ResourceEvent(new ResourceEvent("/data/b.csv", "22"));
        observer.ResourceEvent(new ResourceEvent("/data/a.csv", "11"));
        observer.ResourceEvent(new ResourceEvent("/data/a.csv", "11"));
        observer.ResourceEvent(new ResourceEvent("/data/a.csv", "33"));
        observer.Close();

        using var store = RunStore.Open(temp.Directory);
        Assert.Equal(
            [new StoredResource("/data/a.csv", "11"), new StoredResource("/data/a.csv", "33"), new StoredResource("/data/b.csv", "22")],
            store.GetRun(1)!.Resources);
    }
}
