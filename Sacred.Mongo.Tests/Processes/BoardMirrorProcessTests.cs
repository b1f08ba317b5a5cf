using System.Collections.Generic;
using System.IO;
using Xunit;

namespace Sacred.Mongo.Tests.Processes;

/// <summary><c>sacred board -m</c> as a user runs it, where no MongoDB server can be reached.</summary>
public sealed class BoardMirrorProcessTests
{
    [Fact]
    public void Board_m_at_an_address_nothing_listens_on_says_one_line_and_exits_1()
    {
        var cache = Programs.TempDirectory();
        try
        {
            var port = Programs.ClosedPort();
            var address = $"mongodb://127.0.0.1:{port}/lab";
            var board = Programs.Sacred(new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache }, "board", "-m", address, "--port", "0");
            Assert.Equal(1, board.ExitCode);
            var line = Assert.Single(board.Stderr.TrimEnd('\n').Split('\n'));
            Assert.StartsWith($"error: cannot reach mongodb://127.0.0.1:", line);
            Assert.Contains("/lab", line);
            Assert.Contains("no earlier mirror", line);
            Assert.Contains($"nothing listens at 127.0.0.1:{port} (connection refused)", line);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Board_with_both_a_store_and_m_or_a_bad_address_is_one_line_and_exit_2()
    {
        var both = Programs.Sacred("board", "--store", Programs.TempDirectory(), "-m", "localhost:27017:lab");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("either --store DIR", both.Stderr);

        var bad = Programs.Sacred("board", "--mongo_db", "mongodb://:x:y");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("is not a MongoDB address", bad.Stderr);
    }
}
