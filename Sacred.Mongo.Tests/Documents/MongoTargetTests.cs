using System;
using Xunit;

namespace Sacred.Mongo.Tests.Documents;

/// <summary><c>-m</c>'s forms: a connection string, and Sacred's <c>[host:port:]db_name[.prefix]</c> and <c>host:port</c>.</summary>
public sealed class MongoTargetTests
{
    [Theory]
    [InlineData("sacred", "localhost:27017/sacred/runs", "metrics")]
    [InlineData("lab", "localhost:27017/lab/runs", "metrics")]
    [InlineData("db1:27018:lab", "db1:27018/lab/runs", "metrics")]
    [InlineData("db1:27018:lab.exp1", "db1:27018/lab/exp1_runs", "exp1_metrics")]
    [InlineData("db1:27018", "db1:27018/sacred/runs", "metrics")]
    [InlineData("mongodb://user:secret@db1:27017/lab?authSource=admin", "db1:27017/lab/runs", "metrics")]
    [InlineData("mongodb://db1:27017", "db1:27017/sacred/runs", "metrics")]
    public void Every_form_names_its_server_database_and_collections(string text, string key, string metrics)
    {
        var target = MongoTarget.Parse(text);

        Assert.Equal(key, target.Key);
        Assert.Equal(metrics, target.MetricsCollection);
        Assert.DoesNotContain("secret", target.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("db1:99999:lab", "port 99999 is not between 1 and 65535")]
    [InlineData("a b", "it is neither a connection string nor Sacred's [host:port:]db_name[.prefix]")]
    [InlineData("mongodb://", "-m/--mongo_db 'mongodb://' is not a MongoDB address")]
    public void A_bad_address_says_what_is_wrong_and_which_forms_are_valid(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => MongoTarget.Parse(text));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("valid forms: mongodb://host:27017/db, host:port:db_name[.prefix], db_name, host:port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_server_selection_timeout_unless_the_connection_string_sets_one()
    {
        Assert.Equal(MongoTarget.DefaultServerSelectionTimeout, MongoTarget.Parse("lab").ClientSettings().ServerSelectionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), MongoTarget.Parse("mongodb://db1/lab?serverSelectionTimeoutMS=30000").ClientSettings().ServerSelectionTimeout);
    }

    [Fact]
    public void Messages_never_show_the_password()
    {
        var target = MongoTarget.Parse("mongodb://user:s3cret@db1:27017/lab");

        Assert.Equal("mongodb://user:***@db1:27017/lab", target.SafeText);
        Assert.Equal("lab", MongoTarget.Parse("lab").SafeText);
    }
}
