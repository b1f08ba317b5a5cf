using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sacred.Generator.Parsing.Json;
using Xunit;

namespace Sacred.Generator.Tests.Json;

public sealed class JsonDocumentReaderTests
{
    private const string Sample =
        "{\n" +
        "  \"experiment\": \"mnist\",\n" +
        "  \"config\": {\n" +
        "    \"learning_rate\": -0.5e-3,\n" +
        "    \"epochs\": 12,\n" +
        "    \"big\": 1E10,\n" +
        "    \"tags\": [\"a\", \"b\\n\\\"c\\\"\", \"\\u00e9\\ud83d\\ude00\"],\n" +
        "    \"enabled\": true,\n" +
        "    \"disabled\": false,\n" +
        "    \"seed\": null,\n" +
        "    \"nested\": [[], {}, [1, [2, [3]]]]\n" +
        "  }\n" +
        "}\n";

    // ---------------------------------------------------------------- valid documents

    [Fact]
    public void Parses_a_nested_document_of_all_kinds()
    {
        JsonNode root = ParseOk(Sample);

        Assert.Equal(JsonKind.Object, root.Kind);
        Assert.Equal(new[] { "experiment", "config" }, root.Properties.Select(p => p.Name));
        Assert.Equal("mnist", root.Properties[0].Value.StringValue);

        JsonNode config = root.Properties[1].Value;
        Assert.Equal(JsonKind.Object, config.Kind);
        Assert.Equal(
            new[] { "learning_rate", "epochs", "big", "tags", "enabled", "disabled", "seed", "nested" },
            config.Properties.Select(p => p.Name));

        JsonNode lr = config.FindProperty("learning_rate")!.Value;
        Assert.Equal(JsonKind.Number, lr.Kind);
        Assert.Equal("-0.5e-3", lr.NumberText);
        Assert.False(lr.IsInteger);
        Assert.True(lr.TryGetDouble(out double lrValue));
        Assert.Equal(-0.0005, lrValue, 15);

        JsonNode epochs = config.FindProperty("epochs")!.Value;
        Assert.Equal("12", epochs.NumberText);
        Assert.True(epochs.IsInteger);
        Assert.True(epochs.TryGetInt64(out long epochsValue));
        Assert.Equal(12L, epochsValue);

        JsonNode big = config.FindProperty("big")!.Value;
        Assert.Equal("1E10", big.NumberText);
        Assert.False(big.IsInteger);
        Assert.False(big.TryGetInt64(out _));
        Assert.True(big.TryGetDouble(out double bigValue));
        Assert.Equal(1e10, bigValue);

        JsonNode tags = config.FindProperty("tags")!.Value;
        Assert.Equal(JsonKind.Array, tags.Kind);
        Assert.Equal(new[] { "a", "b\n\"c\"", "\u00e9\U0001F600" }, tags.Items.Select(i => i.StringValue));

        Assert.Equal(JsonKind.True, config.FindProperty("enabled")!.Value.Kind);
        Assert.Equal(JsonKind.False, config.FindProperty("disabled")!.Value.Kind);
        Assert.Equal(JsonKind.Null, config.FindProperty("seed")!.Value.Kind);
        Assert.Null(config.FindProperty("missing"));

        JsonNode nested = config.FindProperty("nested")!.Value;
        Assert.Equal(3, nested.Items.Count);
        Assert.Equal(JsonKind.Array, nested.Items[0].Kind);
        Assert.Empty(nested.Items[0].Items);
        Assert.Equal(JsonKind.Object, nested.Items[1].Kind);
        Assert.Empty(nested.Items[1].Properties);
        JsonNode deepest = nested.Items[2].Items[1].Items[1].Items[0];
        Assert.Equal("3", deepest.NumberText);

        // Non-container nodes expose empty (never null) collections.
        Assert.Empty(lr.Items);
        Assert.Empty(lr.Properties);
        Assert.Null(lr.StringValue);
        Assert.Null(tags.Items[0].NumberText);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("-0", true)]
    [InlineData("12", true)]
    [InlineData("-42", true)]
    [InlineData("123456789012345678901234567890", true)]
    [InlineData("-0.5e-3", false)]
    [InlineData("1E10", false)]
    [InlineData("1e+2", false)]
    [InlineData("1.5E-10", false)]
    [InlineData("0.0", false)]
    [InlineData("10e0", false)]
    public void Parses_numbers_keeping_the_raw_token(string json, bool isInteger)
    {
        JsonNode node = ParseOk(json);
        Assert.Equal(JsonKind.Number, node.Kind);
        Assert.Equal(json, node.NumberText);
        Assert.Equal(isInteger, node.IsInteger);
        Assert.Equal(0, node.Start);
        Assert.Equal(json.Length, node.Length);
    }

    [Fact]
    public void Number_conversion_helpers_report_overflow()
    {
        Assert.False(ParseOk("123456789012345678901234567890").TryGetInt64(out _));
        Assert.True(ParseOk("-9223372036854775808").TryGetInt64(out long min));
        Assert.Equal(long.MinValue, min);
        Assert.False(ParseOk("1e400").TryGetDouble(out _));
        Assert.False(ParseOk("\"1\"").TryGetDouble(out _));
        Assert.False(ParseOk("\"1\"").TryGetInt64(out _));
    }

    [Theory]
    [InlineData("true", "True")]
    [InlineData("false", "False")]
    [InlineData("null", "Null")]
    [InlineData("  [ ]  ", "Array")]
    [InlineData("\t{\r\n}\n", "Object")]
    [InlineData("\"\"", "String")]
    public void Parses_scalars_and_empty_containers_at_the_root(string json, string kind)
    {
        Assert.Equal(kind, ParseOk(json).Kind.ToString());
    }

    [Fact]
    public void Decodes_every_string_escape()
    {
        JsonNode node = ParseOk("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00fC\\uD83D\\uDE00|\"");
        Assert.Equal("\"\\/\b\f\n\r\tA\u00fc\U0001F600|", node.StringValue);
    }

    [Fact]
    public void Keeps_raw_non_ascii_and_comment_like_text_in_strings()
    {
        Assert.Equal("h\u00e9llo \U0001F600 // not /* a comment */", ParseOk("\"h\u00e9llo \U0001F600 // not /* a comment */\"").StringValue);
    }

    [Fact]
    public void Keys_and_values_have_exact_spans()
    {
        string text = Sample;
        JsonNode root = ParseOk(text);
        Assert.Equal(text.IndexOf('{'), root.Start);
        Assert.Equal(text.TrimEnd('\n'), Slice(text, root.Start, root.Length));

        JsonNode config = root.FindProperty("config")!.Value;
        JsonProperty lr = config.FindProperty("learning_rate")!;
        Assert.Equal("\"learning_rate\"", text.Substring(lr.NameStart, lr.NameLength));
        Assert.Equal("-0.5e-3", Slice(text, lr.Value.Start, lr.Value.Length));

        JsonProperty experiment = root.Properties[0];
        Assert.Equal("\"experiment\"", text.Substring(experiment.NameStart, experiment.NameLength));
        Assert.Equal("\"mnist\"", Slice(text, experiment.Value.Start, experiment.Value.Length));

        JsonProperty tags = config.FindProperty("tags")!;
        Assert.Equal("[\"a\", \"b\\n\\\"c\\\"\", \"\\u00e9\\ud83d\\ude00\"]", Slice(text, tags.Value.Start, tags.Value.Length));
        Assert.Equal("\"b\\n\\\"c\\\"\"", Slice(text, tags.Value.Items[1].Start, tags.Value.Items[1].Length));

        Assert.Equal("true", Slice(text, config.FindProperty("enabled")!.Value.Start, config.FindProperty("enabled")!.Value.Length));
        Assert.Equal("null", Slice(text, config.FindProperty("seed")!.Value.Start, config.FindProperty("seed")!.Value.Length));

        JsonNode nested = config.FindProperty("nested")!.Value;
        Assert.Equal("[[], {}, [1, [2, [3]]]]", Slice(text, nested.Start, nested.Length));
        Assert.Equal("{}", Slice(text, nested.Items[1].Start, nested.Items[1].Length));
        Assert.Equal(nested.Start + nested.Length, nested.End);

        string configText = Slice(text, config.Start, config.Length);
        Assert.StartsWith("{\n    \"learning_rate\"", configText, StringComparison.Ordinal);
        Assert.EndsWith("]]]\n  }", configText, StringComparison.Ordinal);

        // Line/column of a key, e.g. for a diagnostic location.
        Assert.Equal((3, 4), TextPositions.GetLinePosition(text, lr.NameStart));
    }

    [Fact]
    public void Escaped_key_span_covers_the_key_as_written()
    {
        string text = "{ \"a\\u0062\" : 1 }";
        JsonProperty p = ParseOk(text).Properties[0];
        Assert.Equal("ab", p.Name);
        Assert.Equal(2, p.NameStart);
        Assert.Equal("\"a\\u0062\"", text.Substring(p.NameStart, p.NameLength));
        Assert.Equal(14, p.Value.Start);
        Assert.Equal(1, p.Value.Length);
    }

    [Fact]
    public void Same_key_in_different_objects_is_fine()
    {
        JsonNode root = ParseOk("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}]}");
        Assert.Equal(2, root.Properties.Count);
    }

    [Fact]
    public void Keys_are_case_sensitive()
    {
        Assert.Equal(2, ParseOk("{\"a\": 1, \"A\": 2}").Properties.Count);
    }

    // ---------------------------------------------------------------- BOM, comments

    [Fact]
    public void Skips_a_leading_bom_and_keeps_offsets_in_the_original_text()
    {
        string text = "\uFEFF{\"lr\": 0.1}";
        JsonNode root = ParseOk(text);
        Assert.Equal(1, root.Start);
        JsonProperty p = root.Properties[0];
        Assert.Equal("\"lr\"", text.Substring(p.NameStart, p.NameLength));
        Assert.Equal("0.1", Slice(text, p.Value.Start, p.Value.Length));
    }

    [Fact]
    public void Allows_line_and_block_comments_by_default()
    {
        string text =
            "// header\n" +
            "{ /* before key */ \"a\" /* between */ : // after colon\n" +
            "  1 /* after value */ , \"b\": [ /**/ 2 // x\n" +
            "  ] }\n" +
            "/* trailing */ // end";
        JsonNode root = ParseOk(text);
        Assert.Equal(new[] { "a", "b" }, root.Properties.Select(p => p.Name));
        Assert.Equal("\"a\"", text.Substring(root.Properties[0].NameStart, root.Properties[0].NameLength));
        Assert.Equal("2", root.Properties[1].Value.Items[0].NumberText);
        Assert.Equal("1", ParseOk("1// no newline at end").NumberText);
        Assert.Equal("1", ParseOk("/**/1/***/").NumberText);
        Assert.Equal("1", ParseOk("1 // crlf\r\n").NumberText);
    }

    [Fact]
    public void Comments_can_be_disallowed()
    {
        AssertError(JsonDocumentReader.Parse("// hi\n{}", allowComments: false), "comments are not allowed", 0, 0, 0);
        AssertError(JsonDocumentReader.Parse("{\n  \"a\": 1 /* x */\n}", allowComments: false), "comments are not allowed", 11, 1, 9);
        Assert.True(JsonDocumentReader.Parse("{\"a\": \"//x\"}", allowComments: false).IsSuccess);
    }

    // ---------------------------------------------------------------- errors

    [Theory]
    // expected ',' or '}'
    [InlineData("{\"a\": 1 \"b\": 2}", "expected ',' or '}' after a property value", 8, 0, 8)]
    [InlineData("{\n  \"a\": 1\n  \"b\": 2\n}", "expected ',' or '}' after a property value", 13, 2, 2)]
    [InlineData("{\"a\": 1]", "expected ',' or '}' after a property value", 7, 0, 7)]
    // expected ',' or ']'
    [InlineData("[1 2]", "expected ',' or ']' after an array element", 3, 0, 3)]
    [InlineData("[\n  1\n  2\n]", "expected ',' or ']' after an array element", 8, 2, 2)]
    [InlineData("[1}", "expected ',' or ']' after an array element", 2, 0, 2)]
    // ':'
    [InlineData("{\"a\" 1}", "expected ':' after a property name", 5, 0, 5)]
    [InlineData("{\"a\" = 1}", "expected ':' after a property name", 5, 0, 5)]
    // property names
    [InlineData("{ 'a': 1 }", "expected a double-quoted property name or '}'", 2, 0, 2)]
    [InlineData("{a: 1}", "expected a double-quoted property name or '}'", 1, 0, 1)]
    [InlineData("{\"a\": 1, b: 2}", "expected a double-quoted property name", 9, 0, 9)]
    [InlineData("{\"a\": 1,, \"b\": 2}", "expected a double-quoted property name", 8, 0, 8)]
    // values
    [InlineData("{\"a\": }", "expected a JSON value", 6, 0, 6)]
    [InlineData("[1, }", "expected a JSON value", 4, 0, 4)]
    [InlineData("[,1]", "expected a JSON value", 1, 0, 1)]
    [InlineData("'a'", "expected a JSON value", 0, 0, 0)]
    [InlineData("+1", "expected a JSON value", 0, 0, 0)]
    [InlineData(".5", "expected a JSON value", 0, 0, 0)]
    [InlineData("\f1", "expected a JSON value", 0, 0, 0)]
    [InlineData("\u00A01", "expected a JSON value", 0, 0, 0)]
    [InlineData("/", "expected a JSON value", 0, 0, 0)]
    [InlineData("\uFEFF\uFEFF{}", "expected a JSON value", 1, 0, 1)]
    // trailing commas
    [InlineData("[1,2,]", "trailing comma is not allowed", 4, 0, 4)]
    [InlineData("{\"a\": 1,}", "trailing comma is not allowed", 7, 0, 7)]
    [InlineData("[\n  1,\n]", "trailing comma is not allowed", 5, 1, 3)]
    [InlineData("[1 /* c */ , ]", "trailing comma is not allowed", 11, 0, 11)]
    // strings
    [InlineData("{\n  \"a\": \"abc", "unterminated string", 9, 1, 7)]
    [InlineData("[\"ab\ncd\"]", "unterminated string", 1, 0, 1)]
    [InlineData("[\"ab\r\ncd\"]", "unterminated string", 1, 0, 1)]
    [InlineData("\"abc\\", "unterminated string", 0, 0, 0)]
    [InlineData("{\"abc", "unterminated string", 1, 0, 1)]
    [InlineData("\"", "unterminated string", 0, 0, 0)]
    [InlineData("[\"ab\\x\"]", "invalid escape", 4, 0, 4)]
    [InlineData("\"\\'\"", "invalid escape", 1, 0, 1)]
    [InlineData("\"\\u12\"", "invalid escape", 1, 0, 1)]
    [InlineData("\"\\u12", "invalid escape", 1, 0, 1)]
    [InlineData("\"\\u12G4\"", "invalid escape", 1, 0, 1)]
    [InlineData("\"\\U0041\"", "invalid escape", 1, 0, 1)]
    [InlineData("\"\\uD800\"", "invalid escape", 1, 0, 1)]
    [InlineData("\"\\uDC00\"", "invalid escape", 1, 0, 1)]
    [InlineData("\"x\\uD83D\\u0041\"", "invalid escape", 2, 0, 2)]
    [InlineData("\"x\\uD83Dabc\"", "invalid escape", 2, 0, 2)]
    [InlineData("{\"k\\q\": 1}", "invalid escape", 3, 0, 3)]
    [InlineData("\"a\tb\"", "invalid control character in string", 2, 0, 2)]
    [InlineData("\"a\u0000b\"", "invalid control character in string", 2, 0, 2)]
    [InlineData("\"\u001f\"", "invalid control character in string", 1, 0, 1)]
    // numbers
    [InlineData("01", "invalid number", 0, 0, 0)]
    [InlineData("-01", "invalid number", 0, 0, 0)]
    [InlineData("-", "invalid number", 0, 0, 0)]
    [InlineData("-a", "invalid number", 0, 0, 0)]
    [InlineData("1.", "invalid number", 0, 0, 0)]
    [InlineData("1.e5", "invalid number", 0, 0, 0)]
    [InlineData("1e", "invalid number", 0, 0, 0)]
    [InlineData("1e+", "invalid number", 0, 0, 0)]
    [InlineData("[1.2.3]", "invalid number", 1, 0, 1)]
    [InlineData("[1-2]", "invalid number", 1, 0, 1)]
    [InlineData("12abc", "invalid number", 0, 0, 0)]
    [InlineData("0x10", "invalid number", 0, 0, 0)]
    [InlineData("-Infinity", "invalid number", 0, 0, 0)]
    [InlineData("{\"a\":\n  1e5e5}", "invalid number", 8, 1, 2)]
    // literals
    [InlineData("tru", "invalid literal 'tru'", 0, 0, 0)]
    [InlineData("True", "invalid literal 'True'", 0, 0, 0)]
    [InlineData("nulls", "invalid literal 'nulls'", 0, 0, 0)]
    [InlineData("NaN", "invalid literal 'NaN'", 0, 0, 0)]
    [InlineData("{\"a\": undefined}", "invalid literal 'undefined'", 6, 0, 6)]
    // trailing characters
    [InlineData("{} x", "trailing characters after the JSON value", 3, 0, 3)]
    [InlineData("1 2", "trailing characters after the JSON value", 2, 0, 2)]
    [InlineData("{}\n}", "trailing characters after the JSON value", 3, 1, 0)]
    [InlineData("{}/", "trailing characters after the JSON value", 2, 0, 2)]
    [InlineData("1\u00A0", "trailing characters after the JSON value", 1, 0, 1)]
    [InlineData("{}\uFEFF", "trailing characters after the JSON value", 2, 0, 2)]
    [InlineData("[1]]", "trailing characters after the JSON value", 3, 0, 3)]
    // end of file
    [InlineData("", "unexpected end of file", 0, 0, 0)]
    [InlineData("   ", "unexpected end of file", 3, 0, 3)]
    [InlineData("\n\n", "unexpected end of file", 2, 2, 0)]
    [InlineData("\uFEFF", "unexpected end of file", 1, 0, 1)]
    [InlineData("// only a comment", "unexpected end of file", 17, 0, 17)]
    [InlineData("{", "unexpected end of file", 1, 0, 1)]
    [InlineData("{\"a\"", "unexpected end of file", 4, 0, 4)]
    [InlineData("{\"a\":", "unexpected end of file", 5, 0, 5)]
    [InlineData("{\"a\":1", "unexpected end of file", 6, 0, 6)]
    [InlineData("{\"a\":1,\n", "unexpected end of file", 8, 1, 0)]
    [InlineData("[", "unexpected end of file", 1, 0, 1)]
    [InlineData("[1,", "unexpected end of file", 3, 0, 3)]
    [InlineData("[1", "unexpected end of file", 2, 0, 2)]
    // duplicate keys (reported at the second key)
    [InlineData("{\n  \"x\": 1,\n  \"x\": 2\n}", "duplicate key 'x'", 14, 2, 2)]
    [InlineData("{\"a\":1,\"\\u0061\":2}", "duplicate key 'a'", 7, 0, 7)]
    [InlineData("{\"a\":1,\"b\":2,\"a\":{}}", "duplicate key 'a'", 13, 0, 13)]
    [InlineData("{\"\":1,\"\":2}", "duplicate key ''", 6, 0, 6)]
    // comments
    [InlineData("{ /* abc", "unterminated comment", 2, 0, 2)]
    [InlineData("[1,\n /*/ 2]", "unterminated comment", 5, 1, 1)]
    // line endings and BOM
    [InlineData("{\r\n  \"a\": 1,\r\n  \"b\" 2\r\n}", "expected ':' after a property name", 20, 2, 6)]
    [InlineData("{\r\"a\" 1}", "expected ':' after a property name", 6, 1, 4)]
    [InlineData("{\r\r\n\n\"a\" 1}", "expected ':' after a property name", 9, 3, 4)]
    [InlineData("\uFEFF{\"a\" 1}", "expected ':' after a property name", 6, 0, 6)]
    [InlineData("\uFEFF{\n\"a\" 1}", "expected ':' after a property name", 7, 1, 4)]
    public void Reports_errors_at_exact_positions(string json, string message, int offset, int line, int column)
    {
        AssertError(JsonDocumentReader.Parse(json), message, offset, line, column);
    }

    [Fact]
    public void Long_names_in_messages_are_shortened()
    {
        string key = new string('k', 100);
        JsonParseResult result = JsonDocumentReader.Parse("{\"" + key + "\":1,\"" + key + "\":2}");
        Assert.Equal("duplicate key '" + new string('k', 40) + "...'", result.Error);
        Assert.Equal(106, result.ErrorOffset);
    }

    [Fact]
    public void Null_text_is_treated_as_empty()
    {
        AssertError(JsonDocumentReader.Parse(null!), "unexpected end of file", 0, 0, 0);
    }

    [Fact]
    public void Success_result_has_no_error()
    {
        JsonParseResult result = JsonDocumentReader.Parse("{}");
        Assert.True(result.IsSuccess);
        Assert.NotNull(result.Root);
        Assert.Null(result.Error);
        Assert.Equal(-1, result.ErrorOffset);
        Assert.Equal(-1, result.ErrorLine);
        Assert.Equal(-1, result.ErrorColumn);
    }

    // ---------------------------------------------------------------- depth

    [Fact]
    public void Allows_nesting_up_to_the_depth_limit()
    {
        Assert.Equal(256, JsonDocumentReader.MaxDepth);
        JsonNode node = ParseOk(new string('[', 256) + new string(']', 256));
        int depth = 1;
        while (node.Items.Count > 0)
        {
            node = node.Items[0];
            depth++;
        }

        Assert.Equal(256, depth);

        string objects = string.Concat(Enumerable.Repeat("{\"a\":", 255)) + "{}" + new string('}', 255);
        Assert.True(JsonDocumentReader.Parse(objects).IsSuccess);
    }

    [Fact]
    public void Exceeding_the_depth_limit_is_an_error()
    {
        AssertError(
            JsonDocumentReader.Parse(new string('[', 257) + new string(']', 257)),
            "maximum nesting depth of 256 exceeded", 256, 0, 256);

        string objects = string.Concat(Enumerable.Repeat("{\"a\":", 256)) + "{}" + new string('}', 256);
        AssertError(JsonDocumentReader.Parse(objects), "maximum nesting depth of 256 exceeded", 256 * 5, 0, 256 * 5);

        string mixed = string.Concat(Enumerable.Repeat("[{\"a\":\n", 200)) + "1";
        JsonParseResult result = JsonDocumentReader.Parse(mixed);
        Assert.Equal("maximum nesting depth of 256 exceeded", result.Error);
        Assert.Equal(128, result.ErrorLine);
        Assert.Equal(0, result.ErrorColumn);
    }

    [Fact]
    public void Very_deep_input_does_not_overflow_the_stack()
    {
        JsonParseResult result = JsonDocumentReader.Parse(new string('[', 1_000_000));
        Assert.Equal("maximum nesting depth of 256 exceeded", result.Error);
        Assert.Equal(256, result.ErrorOffset);
    }

    // ---------------------------------------------------------------- TextPositions

    [Theory]
    [InlineData("", 0, 0, 0)]
    [InlineData("abc", 2, 0, 2)]
    [InlineData("abc", 3, 0, 3)]
    [InlineData("a\nb", 2, 1, 0)]
    [InlineData("a\nb", 1, 0, 1)]
    [InlineData("a\r\nb", 1, 0, 1)]
    [InlineData("a\r\nb", 2, 0, 2)] // the '\n' of "\r\n" is still on the first line
    [InlineData("a\r\nb", 3, 1, 0)]
    [InlineData("a\rb", 2, 1, 0)]
    [InlineData("a\r\rb", 3, 2, 0)]
    [InlineData("a\n\rb", 3, 2, 0)]
    [InlineData("a\r\n\r\nbc", 6, 2, 1)]
    [InlineData("x\r", 2, 1, 0)]
    [InlineData("abc", 99, 0, 3)] // clamped
    [InlineData("abc", -5, 0, 0)] // clamped
    public void Maps_offsets_to_lines_and_columns(string text, int offset, int line, int column)
    {
        Assert.Equal((line, column), TextPositions.GetLinePosition(text, offset));
    }

    [Fact]
    public void Line_start_table_agrees_with_the_scanning_lookup()
    {
        string text = "ab\r\ncd\ref\n\ngh\r\r\n\u2028ij\r";
        IReadOnlyList<int> starts = TextPositions.ComputeLineStarts(text);
        Assert.Equal(new[] { 0, 4, 7, 10, 11, 14, 16, 20 }, starts);
        for (int offset = 0; offset <= text.Length; offset++)
        {
            Assert.Equal(TextPositions.GetLinePosition(text, offset), TextPositions.GetLinePosition(starts, offset));
        }
    }

    // ---------------------------------------------------------------- robustness

    [Fact]
    public void Every_prefix_of_a_document_parses_without_throwing()
    {
        foreach (string doc in new[] { Sample, Sample.Replace("\n", "\r\n"), "\uFEFF" + Sample })
        {
            for (int length = 0; length <= doc.Length; length++)
            {
                string prefix = doc.Substring(0, length);
                JsonParseResult result = ParseChecked(prefix);
                bool completeObject = prefix.TrimEnd().EndsWith("}", StringComparison.Ordinal) && prefix.TrimEnd().Length == doc.TrimEnd().Length;
                Assert.Equal(completeObject, result.IsSuccess);
            }
        }
    }

    [Fact]
    public void Random_strings_parse_without_throwing()
    {
        var random = new Random(20240611);
        const string alphabet = "{}[]:,\"\\/*-+.0123456789eEtrufalsn \t\r\n\u00e9\uFEFFx'u";
        var sb = new StringBuilder();
        int successes = 0;
        for (int n = 0; n < 4000; n++)
        {
            sb.Clear();
            int length = random.Next(0, 48);
            for (int i = 0; i < length; i++)
            {
                int pick = random.Next(10);
                sb.Append(pick == 0
                    ? (char)random.Next(0, 0x10000) // anything, including lone surrogates and control chars
                    : alphabet[random.Next(alphabet.Length)]);
            }

            if (ParseChecked(sb.ToString()).IsSuccess)
            {
                successes++;
            }
        }

        Assert.True(successes > 0);
    }

    [Fact]
    public void Mutated_documents_parse_without_throwing()
    {
        var random = new Random(7);
        const string pieces = "{}[]:,\"\\/*-.0eu \n";
        int successes = 0;
        for (int n = 0; n < 3000; n++)
        {
            var sb = new StringBuilder(Sample);
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(sb.Length);
                char c = random.Next(4) == 0 ? (char)random.Next(0, 0x10000) : pieces[random.Next(pieces.Length)];
                switch (random.Next(3))
                {
                    case 0: sb.Remove(at, 1); break;
                    case 1: sb.Insert(at, c); break;
                    default: sb[at] = c; break;
                }
            }

            if (ParseChecked(sb.ToString()).IsSuccess)
            {
                successes++;
            }
        }

        Assert.True(successes > 0);
    }

    [Fact]
    public void Large_inputs_parse_in_linear_time()
    {
        var sb = new StringBuilder("{\"items\": [");
        for (int i = 0; i < 100_000; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("{\"k").Append(i).Append("\": \"v\\n").Append(i).Append("\"}");
        }

        sb.Append("], \"long\": \"");
        for (int i = 0; i < 200_000; i++)
        {
            sb.Append("ab\\u0041");
        }

        sb.Append("\", \"wide\": {");
        for (int i = 0; i < 50_000; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("\"p").Append(i).Append("\": ").Append(i);
        }

        sb.Append("}}");
        string text = sb.ToString();

        JsonNode root = ParseOk(text);

        Assert.Equal(100_000, root.FindProperty("items")!.Value.Items.Count);
        Assert.Equal(600_000, root.FindProperty("long")!.Value.StringValue!.Length);
        Assert.Equal(50_000, root.FindProperty("wide")!.Value.Properties.Count);

        // A duplicate at the very end of a wide object is still found (hash set, not a rescan).
        JsonParseResult dup = JsonDocumentReader.Parse(text.Substring(0, text.Length - 2) + ", \"p7\": 0}}");
        Assert.Equal("duplicate key 'p7'", dup.Error);
        Assert.Equal(text.Length, dup.ErrorOffset);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode ParseOk(string text)
    {
        JsonParseResult result = JsonDocumentReader.Parse(text);
        Assert.True(result.IsSuccess, "unexpected error: " + result);
        CheckSpans(text, result.Root!);
        return result.Root!;
    }

    private static void AssertError(JsonParseResult result, string message, int offset, int line, int column)
    {
        Assert.False(result.IsSuccess);
        Assert.Null(result.Root);
        Assert.Equal(message, result.Error);
        Assert.Equal((offset, line, column), (result.ErrorOffset, result.ErrorLine, result.ErrorColumn));
    }

    /// <summary>Parses, must not throw, and checks the result's invariants.</summary>
    private static JsonParseResult ParseChecked(string text)
    {
        JsonParseResult result;
        try
        {
            result = JsonDocumentReader.Parse(text);
        }
        catch (Exception ex)
        {
            Assert.Fail("Parse threw on input " + Escape(text) + ": " + ex);
            throw;
        }

        if (result.IsSuccess)
        {
            Assert.Null(result.Error);
            CheckSpans(text, result.Root);
        }
        else
        {
            Assert.Null(result.Root);
            Assert.False(string.IsNullOrEmpty(result.Error));
            Assert.InRange(result.ErrorOffset, 0, text.Length);
            Assert.Equal(TextPositions.GetLinePosition(text, result.ErrorOffset), (result.ErrorLine, result.ErrorColumn));
        }

        return result;
    }

    private static void CheckSpans(string text, JsonNode node)
    {
        Assert.InRange(node.Start, 0, text.Length - 1);
        Assert.InRange(node.Length, 1, text.Length - node.Start);
        string slice = text.Substring(node.Start, node.Length);
        switch (node.Kind)
        {
            case JsonKind.Object:
                Assert.Equal('{', slice[0]);
                Assert.Equal('}', slice[slice.Length - 1]);
                int previousEnd = node.Start;
                foreach (JsonProperty p in node.Properties)
                {
                    Assert.True(p.NameStart > previousEnd);
                    Assert.True(p.NameLength >= 2);
                    Assert.Equal('"', text[p.NameStart]);
                    Assert.Equal('"', text[p.NameStart + p.NameLength - 1]);
                    Assert.True(p.Value.Start >= p.NameStart + p.NameLength);
                    Assert.True(p.Value.End < node.End);
                    CheckSpans(text, p.Value);
                    previousEnd = p.Value.End;
                }

                Assert.Equal(node.Properties.Count, node.Properties.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
                break;
            case JsonKind.Array:
                Assert.Equal('[', slice[0]);
                Assert.Equal(']', slice[slice.Length - 1]);
                foreach (JsonNode item in node.Items)
                {
                    Assert.True(item.Start > node.Start && item.End < node.End);
                    CheckSpans(text, item);
                }

                break;
            case JsonKind.String:
                Assert.NotNull(node.StringValue);
                Assert.Equal('"', slice[0]);
                Assert.Equal('"', slice[slice.Length - 1]);
                break;
            case JsonKind.Number:
                Assert.Equal(slice, node.NumberText);
                break;
            case JsonKind.True:
                Assert.Equal("true", slice);
                break;
            case JsonKind.False:
                Assert.Equal("false", slice);
                break;
            default:
                Assert.Equal("null", slice);
                break;
        }
    }

    private static string Slice(string text, int start, int length) => text.Substring(start, length);

    private static string Escape(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c >= ' ' && c < 0x7F && c != '"' && c != '\\')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.Append('"').ToString();
    }
}
