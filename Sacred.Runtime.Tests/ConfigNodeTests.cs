using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Sacred.Generated;
using Xunit;

namespace Sacred.Runtime.Tests;

public sealed class ConfigNodeTests
{
    private static ConfigNode Sample()
    {
        var model = new ConfigObjectBuilder();
        model.Add("width", ConfigNode.From(64));
        model.Add("depth", ConfigNode.From(2));
        var root = new ConfigObjectBuilder();
        root.Add("seed", ConfigNode.From(42));
        root.Add("learning_rate", ConfigNode.From(0.001));
        root.Add("model", model.Build());
        root.Add("name", ConfigNode.From("adam"));
        root.Add("layers", ConfigNode.FromList(new[] { 1, 2 }, ConfigNode.From));
        root.Add("empty", new ConfigObjectBuilder().Build());
        root.Add("flag", ConfigNode.From(true));
        root.Add("none", ConfigNode.Null);
        return root.Build();
    }

    [Fact]
    public void Members_are_kept_in_ordinal_key_order()
    {
        var builder = new ConfigObjectBuilder();
        builder.Add("b", ConfigNode.From(1));
        builder.Add("B", ConfigNode.From(2));
        builder.Add("a_b", ConfigNode.From(3));
        builder.Add("a", ConfigNode.From(4));

        Assert.Equal(["B", "a", "a_b", "b"], [.. KeysOf(builder.Build())]);
    }

    [Fact]
    public void Adding_a_key_twice_throws()
    {
        var builder = new ConfigObjectBuilder();
        builder.Add("a", ConfigNode.From(1));

        var error = Assert.Throws<ArgumentException>(() => builder.Add("a", ConfigNode.From(2)));
        Assert.Contains("'a' was added twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_indented_sorts_keys_indents_two_spaces_and_uses_lf()
    {
        Assert.Equal(
            """
            {
              "empty": {},
              "flag": true,
              "layers": [
                1,
                2
              ],
              "learning_rate": 0.001,
              "model": {
                "depth": 2,
                "width": 64
              },
              "name": "adam",
              "none": null,
              "seed": 42
            }
            """.ReplaceLineEndings("\n"),
            Sample().ToJson(indented: true));
    }

    [Fact]
    public void ToJson_compact_has_no_white_space()
    {
        Assert.Equal(
            """{"empty":{},"flag":true,"layers":[1,2],"learning_rate":0.001,"model":{"depth":2,"width":64},"name":"adam","none":null,"seed":42}""",
            Sample().ToJson(indented: false));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1e20, "1e+20")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Doubles_always_read_back_as_floats(double value, string expected)
    {
        Assert.Equal(expected, ConfigNode.From(value).ToJson(indented: false));
        Assert.Equal(expected, ConfigNode.From(value).ToLiteral());
    }

    [Fact]
    public void Finite_doubles_round_trip_exactly_through_json()
    {
        foreach (var value in new[] { 0.1 + 0.2, Math.PI, 1e-300, double.MaxValue, -0.0, 123456789.123 })
        {
            using var document = JsonDocument.Parse(ConfigNode.From(value).ToJson(false));
            var back = ConfigNode.FromJson(document.RootElement);
            Assert.Equal(ConfigNodeKind.Float, back.Kind);
            Assert.Equal(value, back.FloatValue);
        }
    }

    [Fact]
    public void Floats_keep_their_short_form()
    {
        Assert.Equal("0.1", ConfigNode.From(0.1f).ToLiteral());
        Assert.Equal(0.1, ConfigNode.From(0.1f).FloatValue);
    }

    [Fact]
    public void Decimals_keep_their_digits_and_a_point()
    {
        Assert.Equal("0.10", ConfigNode.From(0.10m).ToJson(false));
        Assert.Equal("3.0", ConfigNode.From(3m).ToJson(false));
        Assert.Equal("12345678901234567890.123456789", ConfigNode.From(12345678901234567890.123456789m).ToLiteral());
        Assert.Equal(ConfigNodeKind.Float, ConfigNode.From(1.5m).Kind);
        Assert.Equal(ConfigNode.From(1.5), ConfigNode.From(1.5m));
    }

    [Fact]
    public void Time_spans_and_dates_are_invariant_strings()
    {
        Assert.Equal("\"00:05:00\"", ConfigNode.From(TimeSpan.FromMinutes(5)).ToLiteral());
        Assert.Equal("\"1.02:03:04.5000000\"", ConfigNode.From(new TimeSpan(1, 2, 3, 4, 500)).ToLiteral());
        Assert.Equal(
            "2024-05-01T12:30:00.0000000Z",
            ConfigNode.From(new DateTime(2024, 5, 1, 12, 30, 0, DateTimeKind.Utc)).StringValue);
    }

    [Fact]
    public void Null_string_and_null_list_are_null()
    {
        Assert.Same(ConfigNode.Null, ConfigNode.From((string?)null));
        Assert.Same(ConfigNode.Null, ConfigNode.FromList<int>(null, ConfigNode.From));
    }

    [Fact]
    public void ToLiteral_writes_one_line_json_literals()
    {
        Assert.Equal("true", ConfigNode.From(true).ToLiteral());
        Assert.Equal("null", ConfigNode.Null.ToLiteral());
        Assert.Equal("\"adam\"", ConfigNode.From("adam").ToLiteral());
        Assert.Equal("\"say \\\"hi\\\"\\n\"", ConfigNode.From("say \"hi\"\n").ToLiteral());
        Assert.Equal("\"größe\"", ConfigNode.From("größe").ToLiteral());
        Assert.Equal("[1, 2]", ConfigNode.FromList(new[] { 1, 2 }, ConfigNode.From).ToLiteral());
        Assert.Equal("[]", ConfigNode.FromList(Array.Empty<int>(), ConfigNode.From).ToLiteral());
        Assert.Equal("{}", new ConfigObjectBuilder().Build().ToLiteral());
        Assert.Equal("{\"depth\": 2, \"width\": 64}", Sample().Get("model")!.ToLiteral());
        Assert.Equal("-7", ConfigNode.From(-7L).ToLiteral());
    }

    [Fact]
    public void FromJson_reads_every_kind()
    {
        using var document = JsonDocument.Parse("""{"i": 3, "f": 3.0, "e": 1e3, "big": 123456789012345678901234, "s": "x", "b": false, "n": null, "l": [1, "a"], "o": {"z": 1, "a": 2}, "o": {"k": 1}}""");
        var node = ConfigNode.FromJson(document.RootElement);

        Assert.Equal(3, node.Get("i")!.IntegerValue);
        Assert.Equal(ConfigNodeKind.Float, node.Get("f")!.Kind);
        Assert.Equal(1000.0, node.Get("e")!.FloatValue);
        Assert.Equal(ConfigNodeKind.Float, node.Get("big")!.Kind);
        Assert.Equal("x", node.Get("s")!.StringValue);
        Assert.False(node.Get("b")!.BoolValue);
        Assert.Equal(ConfigNodeKind.Null, node.Get("n")!.Kind);
        Assert.Equal("[1, \"a\"]", node.Get("l")!.ToLiteral());
        Assert.Equal("{\"k\": 1}", node.Get("o")!.ToLiteral());
    }

    [Fact]
    public void Json_round_trip_gives_an_equal_tree()
    {
        var sample = Sample();
        using var document = JsonDocument.Parse(sample.ToJson(indented: true));

        var back = ConfigNode.FromJson(document.RootElement);

        Assert.Equal(sample, back);
        Assert.Equal(sample.GetHashCode(), back.GetHashCode());
    }

    [Fact]
    public void WriteTo_writes_into_a_larger_document()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("config");
            Sample().Get("model")!.WriteTo(writer);
            writer.WriteNumber("after", 1.5);
            writer.WriteEndObject();
        }

        Assert.Equal("""{"config":{"depth":2,"width":64},"after":1.5}""", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Get_follows_dotted_paths()
    {
        var sample = Sample();

        Assert.Equal(2, sample.Get("model.depth")!.IntegerValue);
        Assert.Same(sample, sample.Get(""));
        Assert.Null(sample.Get("model.height"));
        Assert.Null(sample.Get("seed.x"));
        Assert.Null(sample.Get("nope"));
    }

    [Fact]
    public void WithValue_returns_a_copy_with_the_path_set()
    {
        var sample = Sample();

        var changed = sample.WithValue("model.dropout", ConfigNode.From(0.5)).WithValue("extra.deep.key", ConfigNode.From("x"));

        Assert.Equal(0.5, changed.Get("model.dropout")!.FloatValue);
        Assert.Equal(2, changed.Get("model.depth")!.IntegerValue);
        Assert.Equal("x", changed.Get("extra.deep.key")!.StringValue);
        Assert.Null(sample.Get("model.dropout"));
        Assert.Equal(["depth", "dropout", "width"], [.. KeysOf(changed.Get("model")!)]);
        Assert.Equal(7, sample.WithValue("seed", ConfigNode.From(7)).Get("seed")!.IntegerValue);
        Assert.Equal(1, sample.WithValue("seed.inner", ConfigNode.From(1)).Get("seed.inner")!.IntegerValue);
    }

    [Fact]
    public void Equality_is_deep_and_kind_sensitive()
    {
        Assert.Equal(Sample(), Sample());
        Assert.NotEqual(Sample(), Sample().WithValue("model.depth", ConfigNode.From(3)));
        Assert.NotEqual(ConfigNode.From(1), ConfigNode.From(1.0));
        Assert.Equal(ConfigNode.From(double.NaN), ConfigNode.From(double.NaN));
        Assert.NotEqual(ConfigNode.From("a"), ConfigNode.From("A"));
        Assert.Equal(ConfigNode.FromList(new[] { 1, 2 }, ConfigNode.From), ConfigNode.FromList(new List<long> { 1, 2 }, ConfigNode.From));
        Assert.NotEqual(ConfigNode.FromList(new[] { 1, 2 }, ConfigNode.From), ConfigNode.FromList(new[] { 2, 1 }, ConfigNode.From));
    }

    [Fact]
    public void Reading_the_wrong_kind_throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConfigNode.From("x").IntegerValue);
        Assert.Equal("The config value is String, not Integer.", error.Message);
        Assert.Empty(ConfigNode.From(1).Members);
        Assert.Empty(ConfigNode.From(1).Items);
    }

    [Fact]
    public void A_timestamp_stays_a_typed_utc_time_and_is_written_as_iso_8601()
    {
        var utc = new DateTime(2024, 5, 1, 10, 0, 3, DateTimeKind.Utc).AddTicks(1_234_560);
        var node = ConfigNode.FromTimestamp(utc);

        Assert.Equal(ConfigNodeKind.Timestamp, node.Kind);
        Assert.Equal(utc, node.TimestampValue);
        Assert.Equal(DateTimeKind.Utc, ConfigNode.FromTimestamp(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)).TimestampValue.Kind);
        Assert.Equal(node, ConfigNode.FromTimestamp(utc.ToLocalTime()));
        Assert.NotEqual(node, ConfigNode.From(utc));
        Assert.Equal("\"2024-05-01T10:00:03.1234560Z\"", node.ToJson(indented: false));
        Assert.Equal("\"2024-05-01T10:00:03.1234560Z\"", node.ToLiteral());
    }

    private static IEnumerable<string> KeysOf(ConfigNode node)
    {
        foreach (var member in node.Members)
        {
            yield return member.Key;
        }
    }
}
