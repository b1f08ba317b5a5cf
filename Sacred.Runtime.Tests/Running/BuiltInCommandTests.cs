using System;
using System.Diagnostics;
using System.IO;
using Sacred.Runtime.Tests.Fakes;
using Xunit;

namespace Sacred.Runtime.Tests.Running;

public sealed class BuiltInCommandTests
{
    [Fact]
    public void Print_named_configs_lists_names_and_docs()
    {
        var result = HostRun.Of(new FakeExperiment(), "print_named_configs");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Named Configurations (doc):\n  fast   # Few steps, for smoke tests\n  full\n", result.Out);
    }

    [Fact]
    public void Print_named_configs_in_colour_dims_the_docs()
    {
        Assert.Equal(
            "Named Configurations (\x1b[2mdoc\x1b[0m):\n  fast   \x1b[2m# Few steps, for smoke tests\x1b[0m\n  full\n",
            HostRun.Of(new FakeExperiment(), "print_named_configs", "--color").Out);
    }

    [Fact]
    public void Print_named_configs_without_any()
    {
        var experiment = new FakeExperiment();
        experiment.NamedConfigList.Clear();

        Assert.Equal("Named Configurations (doc):\n  No named configs\n", HostRun.Of(experiment, "print_named_configs").Out);
    }

    [Fact]
    public void Print_dependencies_without_git()
    {
        var result = HostRun.Of(new FakeExperiment(), "print_dependencies");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """
            Dependencies:
              Sacred.Runtime       == 1.0.0
              TorchSharp           == 0.107.0
            Sources:
              Mnist.cs                                     0123456789abcdef0123456789abcdef
              Model/Net.cs                                 fedcba9876543210fedcba9876543210


            """.ReplaceLineEndings("\n"),
            result.Out);
    }

    [Fact]
    public void Print_dependencies_shows_the_git_commit_and_a_dirty_mark()
    {
        using var files = new TempFiles();
        files.Write("Mnist.cs", "class A {}");
        Git(files.Directory, "init", "-q");
        Git(files.Directory, "add", "Mnist.cs");
        Git(files.Directory, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init");
        var commit = Git(files.Directory, "rev-parse", "HEAD");
        var root = Git(files.Directory, "rev-parse", "--show-toplevel");
        var experiment = new FakeExperiment { BaseDirectory = files.Directory };

        var clean = HostRun.Of(experiment, "print_dependencies");
        files.Write("Mnist.cs", "class B {}");
        var dirty = HostRun.Of(experiment, "print_dependencies");
        var dirtyColored = HostRun.Of(experiment, "print_dependencies", "--color");
        Git(files.Directory, "remote", "add", "origin", "https://example.org/repo.git");
        var remote = HostRun.Of(experiment, "print_dependencies");

        Assert.EndsWith($"Version Control:\n  {"git:/" + root,-43}  {commit}\n\n", clean.Out, StringComparison.Ordinal);
        Assert.EndsWith($"Version Control:\nM {"git:/" + root,-43}  {commit}\n\n", dirty.Out, StringComparison.Ordinal);
        Assert.Contains("\x1b[31mM\x1b[0m git:/", dirtyColored.Out, StringComparison.Ordinal);
        Assert.EndsWith($"M {"https://example.org/repo.git",-43}  {commit}\n\n", remote.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Enforce_clean_refuses_a_dirty_repository_and_accepts_a_clean_one()
    {
        using var files = new TempFiles();
        files.Write("Mnist.cs", "class A {}");
        Git(files.Directory, "init", "-q");
        Git(files.Directory, "add", "Mnist.cs");
        Git(files.Directory, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init");
        var root = Git(files.Directory, "rev-parse", "--show-toplevel");
        var experiment = new FakeExperiment { BaseDirectory = files.Directory };

        var clean = HostRun.Of(experiment, "-e");
        files.Write("Mnist.cs", "class B {}");
        var dirty = HostRun.Of(experiment, "-e");

        Assert.Equal(0, clean.ExitCode);
        Assert.Equal(1, dirty.ExitCode);
        Assert.Equal($"error: uncommitted changes in the git repository 'git:/{root}' (-e/--enforce_clean)\n", dirty.Error);
    }

    [Fact]
    public void Save_config_writes_sorted_indented_json_to_the_named_file()
    {
        using var files = new TempFiles();
        var path = files.PathOf("saved.json");

        var result = HostRun.Of(new FakeExperiment(), "save_config", "with", "seed=5", $"config_filename={path}", "model.depth=7");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal($"INFO - mnist - Saving config to \"{path}\"\n", result.Error);
        Assert.Equal(
            """
            {
              "batch_size": 32,
              "epochs": 31,
              "layers": [
                16,
                8
              ],
              "learning_rate": 0.001,
              "model": {
                "depth": 7,
                "width": 64
              },
              "optimizer": "adam",
              "seed": 5,
              "tag": null,
              "timeout": "00:05:00"
            }
            """.ReplaceLineEndings("\n"),
            File.ReadAllText(path));
    }

    [Fact]
    public void Saved_config_runs_again_with_the_same_values()
    {
        using var files = new TempFiles();
        var path = files.PathOf("saved.json");
        HostRun.Of(new FakeExperiment(), "save_config", "with", "fast", "optimizer=sgd", $"config_filename={path}");
        var experiment = new FakeExperiment();
        Run? seen = null;
        experiment.Handlers["evaluate"] = (state, run) => { seen = run; return null; };

        var result = HostRun.Of(experiment, "evaluate", "with", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(path), seen!.Config.ToJson(indented: true));
    }

    [Fact]
    public void Save_config_that_cannot_write_exits_1()
    {
        var result = HostRun.Of(new FakeExperiment(), "save_config", "with", "config_filename=/nonexistent/dir/x.json");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "INFO - mnist - Saving config to \"/nonexistent/dir/x.json\"\nerror: cannot write config file '/nonexistent/dir/x.json': ",
            result.Error,
            StringComparison.Ordinal);
    }

    private static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(directory);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {process.StandardError.ReadToEnd()}");
        return output.Trim();
    }
}
