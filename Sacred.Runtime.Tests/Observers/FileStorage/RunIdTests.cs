using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using Sacred.Observers;
using Sacred.Observers.FileStorage;
using Sacred.Recording;
using Xunit;

namespace Sacred.Runtime.Tests.Observers.FileStorage;

public sealed class RunIdTests : IDisposable
{
    private readonly TempFiles _temp = new();

    private string BaseDirectory => _temp.PathOf("runs");

    [Fact]
    public void The_base_directory_is_created_at_the_first_event_not_at_open()
    {
        var observer = new FileStorageObserver(Path.Combine(BaseDirectory, "nested"));

        observer.Open();
        Assert.False(Directory.Exists(BaseDirectory));

        Assert.Equal("1", observer.StartedEvent(SampleRun.Started()));
        Assert.True(File.Exists(Path.Combine(BaseDirectory, "nested", "1", "run.json")));
    }

    [Fact]
    public void The_next_id_follows_the_largest_numeric_directory()
    {
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "7"));
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "12"));
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "99x"));
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "_sources"));
        File.WriteAllText(Path.Combine(BaseDirectory, "500"), "a file, not a run");

        var id = new FileStorageObserver(BaseDirectory).StartedEvent(SampleRun.Started());

        Assert.Equal("13", id);
        Assert.Equal("14", new FileStorageObserver(BaseDirectory).QueuedEvent(SampleRun.Started()));
    }

    [Fact]
    public void A_taken_id_is_retried_with_the_next_number()
    {
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "5"));
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "6"));

        Assert.Equal("7", RunDirectories.Claim(BaseDirectory, 5));
        Assert.True(Directory.Exists(Path.Combine(BaseDirectory, "7")));
    }

    [Fact]
    public void Allocation_gives_up_after_a_thousand_collisions()
    {
        Directory.CreateDirectory(BaseDirectory);
        for (var id = 1; id <= RunDirectories.MaxCollisions + 1; id++)
        {
            Directory.CreateDirectory(Path.Combine(BaseDirectory, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var error = Assert.Throws<ObserverUnavailableException>(() => RunDirectories.Claim(BaseDirectory, 1));

        Assert.Contains("ids 1 to 1001 were all taken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sixteen_threads_starting_runs_concurrently_get_distinct_ids()
    {
        Directory.CreateDirectory(BaseDirectory);
        var ids = new ConcurrentBag<string>();
        using var start = new Barrier(16);

        // Each thread starts several runs in a row, so that listings and mkdirs interleave even on 2 cores.
        var threads = Enumerable.Range(0, 16).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var run = 0; run < 8; run++)
            {
                var observer = new FileStorageObserver(BaseDirectory);
                observer.Open();
                ids.Add(observer.StartedEvent(SampleRun.Started())!);
                observer.Close();
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Equal(Enumerable.Range(1, 128).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ids.OrderBy(int.Parse));
        Assert.All(ids, id => Assert.True(File.Exists(Path.Combine(BaseDirectory, id, "run.json"))));
        Assert.Single(Directory.GetFiles(Path.Combine(BaseDirectory, "_sources"), "train_*"));
    }

    // Sacred's FileStorageObserver._make_run_dir, in real processes racing ours on one folder.
    [PythonFact]
    public void Runs_of_Sacred_processes_and_ours_on_one_folder_never_share_an_id()
    {
        const string sacredAllocation = """
            import os, sys, time
            base, name = sys.argv[1], sys.argv[2]
            open(os.path.join(base, "ready-" + name), "w").close()
            while not os.path.exists(os.path.join(base, "go")):
                time.sleep(0.0005)
            ids = [int(d) for d in os.listdir(base) if os.path.isdir(os.path.join(base, d)) and d.isdigit()]
            run_id = max(ids, default=0) + 1
            for _ in range(1001):
                try:
                    os.mkdir(os.path.join(base, str(run_id)))
                    print(run_id)
                    break
                except FileExistsError:
                    run_id += 1
            """;
        Directory.CreateDirectory(BaseDirectory);
        var ids = new ConcurrentBag<string>();
        using var go = new ManualResetEventSlim();
        var sacredRuns = Enumerable.Range(0, 8).Select(n => new Thread(() =>
        {
            Python.TryRun(BaseDirectory, out var stdout, out var stderr, "-c", sacredAllocation, BaseDirectory, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ids.Add(stdout.Trim() is { Length: > 0 } id ? id : "python failed: " + stderr);
        }));
        var ourRuns = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            var observer = new FileStorageObserver(BaseDirectory);
            go.Wait();
            ids.Add(observer.StartedEvent(SampleRun.Started())!);
        }));
        var threads = sacredRuns.Concat(ourRuns).ToList();
        threads.ForEach(thread => thread.Start());
        SpinWait.SpinUntil(() => Directory.GetFiles(BaseDirectory, "ready-*").Length == 8, TimeSpan.FromSeconds(30));
        File.WriteAllText(Path.Combine(BaseDirectory, "go"), "");
        go.Set();
        threads.ForEach(thread => thread.Join());

        Assert.Equal(Enumerable.Range(1, 16).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ids.OrderBy(id => int.TryParse(id, out var n) ? n : -1));
    }

    [Fact]
    public void A_given_id_is_used_as_is()
    {
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "3"));

        var id = new FileStorageObserver(BaseDirectory).StartedEvent(SampleRun.Started(id: "run-42"));

        Assert.Equal("run-42", id);
        Assert.True(File.Exists(Path.Combine(BaseDirectory, "run-42", "run.json")));
    }

    [Fact]
    public void A_given_id_whose_directory_exists_fails_the_start()
    {
        Directory.CreateDirectory(Path.Combine(BaseDirectory, "7"));
        var observer = new FileStorageObserver(BaseDirectory);

        var error = Assert.Throws<ObserverUnavailableException>(() => observer.StartedEvent(SampleRun.Started(id: "7")));

        Assert.Equal(
            $"file storage {BaseDirectory}: run directory '{BaseDirectory}/7' already exists, so run id '7' is taken; choose another id or leave it out",
            error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(BaseDirectory, "7")));
    }

    [Theory]
    [InlineData("../7")]
    [InlineData("a/b")]
    [InlineData("..")]
    public void A_given_id_must_be_a_plain_directory_name(string id)
    {
        var error = Assert.Throws<ObserverUnavailableException>(
            () => new FileStorageObserver(BaseDirectory).StartedEvent(SampleRun.Started(id: id)));

        Assert.Contains($"cannot use run id '{id}' as a directory name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_directory_below_a_regular_file_is_refused_at_open_in_one_line()
    {
        var file = _temp.Write("not-a-dir", "x");
        var observer = new FileStorageObserver(Path.Combine(file, "runs"));

        var error = Assert.Throws<ObserverUnavailableException>(observer.Open);

        Assert.Equal(
            $"file storage {file}/runs: cannot record runs in '{file}/runs': '{file}' is a file, not a directory; " +
            "give -F a directory that can be written",
            error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_base_directory_that_is_a_file_is_refused_at_open_and_at_start()
    {
        var file = _temp.Write("runs", "x");
        var observer = new FileStorageObserver(file);

        Assert.Contains("is a file, not a directory", Assert.Throws<ObserverUnavailableException>(observer.Open).Message, StringComparison.Ordinal);
        var error = Assert.Throws<ObserverUnavailableException>(() => observer.StartedEvent(SampleRun.Started()));
        Assert.StartsWith($"file storage {file}: cannot create '{file}': ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
