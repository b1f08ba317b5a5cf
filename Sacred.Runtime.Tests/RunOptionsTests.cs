using Sacred.CommandLine;
using Xunit;

namespace Sacred.Runtime.Tests;

public sealed class RunOptionsTests
{
    [Fact]
    public void Meta_has_every_long_flag_with_false_or_null_when_not_given()
    {
        var meta = CommandLineParser.Parse([]).Options.ToMeta();

        Assert.Equal(
            [
                "--beat-interval", "--capture", "--color", "--comment", "--debug", "--enforce_clean", "--file_storage",
                "--force", "--help", "--id", "--loglevel", "--mongo_db", "--name", "--print-config", "--priority",
                "--queue", "--store", "--unobserved", "COMMAND", "UPDATE", "help", "with",
            ],
            meta.Keys);
        Assert.Equal("null", meta["--beat-interval"].ToLiteral());
        Assert.Equal("false", meta["--debug"].ToLiteral());
        Assert.Equal("null", meta["COMMAND"].ToLiteral());
        Assert.Equal("[]", meta["UPDATE"].ToLiteral());
        Assert.Equal("false", meta["with"].ToLiteral());
        Assert.Equal("false", meta["help"].ToLiteral());
    }

    [Fact]
    public void Meta_records_given_values_as_text()
    {
        var meta = CommandLineParser.Parse(["evaluate", "with", "a=1", "fast", "-b", "2.5", "-C", "FD", "-P", "3", "-u", "-c", "hi"]).Options.ToMeta();

        Assert.Equal("\"2.5\"", meta["--beat-interval"].ToLiteral());
        Assert.Equal("\"fd\"", meta["--capture"].ToLiteral());
        Assert.Equal("\"3\"", meta["--priority"].ToLiteral());
        Assert.Equal("true", meta["--unobserved"].ToLiteral());
        Assert.Equal("\"hi\"", meta["--comment"].ToLiteral());
        Assert.Equal("\"evaluate\"", meta["COMMAND"].ToLiteral());
        Assert.Equal("[\"a=1\", \"fast\"]", meta["UPDATE"].ToLiteral());
        Assert.Equal("true", meta["with"].ToLiteral());
    }

    [Fact]
    public void Help_command_is_marked_in_meta()
    {
        Assert.Equal("true", CommandLineParser.Parse(["help"]).Options.ToMeta()["help"].ToLiteral());
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData("DEBUG", 10)]
    [InlineData("warning", 30)]
    [InlineData("WARN", 30)]
    [InlineData("CRITICAL", 50)]
    [InlineData("0", 0)]
    [InlineData("45", 45)]
    public void Log_threshold_follows_python_levels(string? level, int threshold)
    {
        Assert.Equal(threshold, new RunOptions { LogLevel = level }.LogThreshold);
    }

    [Theory]
    [InlineData("mongodb://user:s3cret@db1:27017/lab", "mongodb://user:***@db1:27017/lab")]
    [InlineData("mongodb+srv://team:p%40ss@cluster.example.net/lab?retryWrites=true", "mongodb+srv://team:***@cluster.example.net/lab?retryWrites=true")]
    [InlineData("mongodb://user@db1/lab", "mongodb://user@db1/lab")]
    [InlineData("mongodb://db1:27017/lab", "mongodb://db1:27017/lab")]
    [InlineData("db1:27017:lab.prefix", "db1:27017:lab.prefix")]
    public void The_recorded_mongo_address_never_holds_its_password(string given, string recorded)
    {
        var meta = CommandLineParser.Parse(["-m", given]).Options.ToMeta();

        Assert.Equal(recorded, meta["--mongo_db"].StringValue);
    }
}
