using System;
using System.Diagnostics;
using System.IO;
using Sacred.Host;
using Sacred.Host.Git;
using Xunit;

namespace Sacred.Runtime.Tests.Host;

/// <summary>
/// The git state read from the repository's files, against what the real <c>git</c> says (Sacred's three
/// commands) in real temporary repositories.
/// </summary>
public sealed class GitStateReaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public GitStateReaderTests()
    {
        Git("init", "-q", "-b", "main");
        _files.Write("train.py", "print('hello')\n");
        Directory.CreateDirectory(_files.PathOf("src"));
        _files.Write("src/model.py", "layers = 3\n");
        _files.Write("run.sh", "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_files.PathOf("run.sh"), (UnixFileMode)0x1ed); // 0755
        }

        Git("add", ".");
        Git("commit", "-q", "-m", "first");
    }

    private string Root => _files.Directory;

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_clean_repository_is_read_without_git_as_git_reads_it()
    {
        var state = AssertSameAsGit(Root);

        Assert.False(state.Dirty);
        Assert.Equal(Git("rev-parse", "HEAD"), state.Commit);
        Assert.Equal("git:/" + Root, state.Url);
    }

    [Fact]
    public void A_subdirectory_finds_the_repository_above_it() =>
        Assert.False(AssertSameAsGit(_files.PathOf("src")).Dirty);

    [Fact]
    public void A_modified_file_is_dirty_even_with_the_same_size_in_the_same_instant()
    {
        // Racy git: the same size, written right after the index, maybe within one timestamp tick.
        _files.Write("src/model.py", "layers = 4\n");

        Assert.True(AssertSameAsGit(Root).Dirty);
    }

    [Fact]
    public void A_file_touched_but_unchanged_is_clean()
    {
        File.SetLastWriteTimeUtc(_files.PathOf("train.py"), DateTime.UtcNow.AddMinutes(-5));

        Assert.False(AssertSameAsGit(Root).Dirty);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_deleted_file_or_a_lost_exec_bit_is_dirty()
    {
        File.Delete(_files.PathOf("train.py"));
        Assert.True(AssertSameAsGit(Root).Dirty);

        Git("checkout", "--", "train.py");
        Assert.False(AssertSameAsGit(Root).Dirty);

        File.SetUnixFileMode(_files.PathOf("run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.True(AssertSameAsGit(Root).Dirty);
    }

    [Fact]
    public void A_staged_change_is_dirty_and_a_commit_makes_it_clean()
    {
        _files.Write("src/model.py", "layers = 12\n");
        Git("add", "src/model.py");
        Assert.True(AssertSameAsGit(Root, nativeOnly: false).Dirty);

        // Staged, then the work tree put back as HEAD has it: only the index differs from HEAD.
        Git("commit", "-q", "-m", "second");
        Assert.False(AssertSameAsGit(Root).Dirty);

        _files.Write("new.py", "x = 1\n");
        Git("add", "new.py");
        Git("write-tree");
        Assert.True(AssertSameAsGit(Root).Dirty);
    }

    [Fact]
    public void Untracked_files_do_not_make_it_dirty()
    {
        _files.Write("notes.txt", "untracked\n");

        Assert.False(AssertSameAsGit(Root).Dirty);
    }

    [Fact]
    public void A_detached_head_reads_the_commit()
    {
        var first = Git("rev-parse", "HEAD");
        _files.Write("train.py", "print('two')\n");
        Git("commit", "-q", "-am", "second");
        Git("checkout", "-q", "--detach", first);

        var state = AssertSameAsGit(Root);
        Assert.Equal(first, state.Commit);
        Assert.False(state.Dirty);
    }

    [Fact]
    public void Packed_refs_and_packed_objects_are_read()
    {
        Git("remote", "add", "origin", "git@example.com:team/project.git");
        Git("gc", "-q");
        Assert.False(File.Exists(_files.PathOf(".git/refs/heads/main")));

        var state = AssertSameAsGit(Root);
        Assert.Equal("git@example.com:team/project.git", state.Url);
        Assert.False(state.Dirty);
    }

    [Fact]
    public void A_linked_work_tree_reads_its_own_head_and_index()
    {
        var linked = _files.PathOf("linked");
        Git("branch", "side");
        Git("worktree", "add", "-q", linked, "side");
        File.WriteAllText(Path.Combine(linked, "train.py"), "print('side')\n");

        var state = AssertSameAsGit(linked);
        Assert.True(state.Dirty);
        Assert.Equal(Git("rev-parse", "side"), state.Commit);
    }

    [Fact]
    public void No_repository_or_no_commit_yet_is_null_as_with_git()
    {
        using var plain = new TempFiles();
        Assert.Equal(GitStateReader.Outcome.NoRepository, GitStateReader.TryRead(plain.Directory, out _));
        Assert.Null(GitRepository.DetectWithGit(plain.Directory));

        Run(plain.Directory, "init", "-q");
        Assert.Equal(GitStateReader.Outcome.NoRepository, GitStateReader.TryRead(plain.Directory, out _));
        Assert.Null(GitRepository.DetectWithGit(plain.Directory));
    }

    [Fact]
    public void Line_ending_conversion_is_left_to_git()
    {
        _files.Write(".gitattributes", "*.py text eol=lf\n");
        Git("add", ".gitattributes");
        Git("commit", "-q", "-m", "attributes");
        _files.Write("train.py", "print('hello')\r\n");

        // The raw bytes differ, the converted content does not: only git can tell.
        Assert.Equal(GitStateReader.Outcome.AskGit, GitStateReader.TryRead(Root, out _));
        Assert.Equal(GitRepository.DetectWithGit(Root), GitRepository.Detect(Root));
    }

    // Reads natively (it must: nativeOnly) and compares with git's own answer.
    private GitRepository AssertSameAsGit(string directory, bool nativeOnly = true)
    {
        var expected = GitRepository.DetectWithGit(directory);
        Assert.NotNull(expected);
        var outcome = GitStateReader.TryRead(directory, out var native);
        if (nativeOnly || outcome == GitStateReader.Outcome.Read)
        {
            Assert.Equal(GitStateReader.Outcome.Read, outcome);
            Assert.Equal(expected, new GitRepository(native.Url, native.Commit, native.Dirty));
        }

        Assert.Equal(expected, GitRepository.Detect(directory));
        return expected!;
    }

    private string Git(params string[] arguments) => Run(Root, arguments);

    private static string Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var argument in new[] { "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {errors}");
        return output.Trim();
    }
}
