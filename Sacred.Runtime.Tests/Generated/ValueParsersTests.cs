using System;
using System.Collections.Generic;
using Sacred.Generated;
using Xunit;

namespace Sacred.Runtime.Tests.Generated;

public sealed class ValueParsersTests
{
    [Theory]
    [InlineData("42", 42)]
    [InlineData(" -7 ", -7)]
    [InlineData("+5", 5)]
    [InlineData("1_000", 1000)]
    [InlineData("0x1F", 31)]
    [InlineData("0o17", 15)]
    [InlineData("0b101", 5)]
    [InlineData("-0x10", -16)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public void Int32_accepts_python_integer_forms(string text, int expected)
    {
        Assert.True(ValueParsers.TryParseInt32(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("2147483648")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("1__0")]
    [InlineData("0x")]
    [InlineData("0b102")]
    [InlineData("--1")]
    [InlineData("1 2")]
    public void Int32_rejects_non_integers_and_overflow(string text)
    {
        Assert.False(ValueParsers.TryParseInt32(text, out _));
    }

    [Theory]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0xFFFF_FFFF", 4294967295L)]
    public void Int64_reads_the_full_range(string text, long expected)
    {
        Assert.True(ValueParsers.TryParseInt64(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("0xFFFFFFFFFFFFFFFF")]
    [InlineData("-9223372036854775809")]
    public void Int64_rejects_overflow(string text)
    {
        Assert.False(ValueParsers.TryParseInt64(text, out _));
    }

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("1e-3", 0.001)]
    [InlineData("-.3e-7", -3e-8)]
    [InlineData("1E5", 100000.0)]
    [InlineData("3", 3.0)]
    [InlineData(" 2.5 ", 2.5)]
    [InlineData("1_000.5", 1000.5)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    public void Double_accepts_python_float_forms(string text, double expected)
    {
        Assert.True(ValueParsers.TryParseDouble(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("+Infinity", double.PositiveInfinity)]
    [InlineData("NaN", double.NaN)]
    [InlineData("nan", double.NaN)]
    public void Double_accepts_special_values(string text, double expected)
    {
        Assert.True(ValueParsers.TryParseDouble(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("1e400")]
    [InlineData("0x10")]
    [InlineData("1_e5")]
    [InlineData("1.2.3")]
    [InlineData("+-inf")]
    [InlineData("1 000")]
    public void Double_rejects_garbage_and_overflow(string text)
    {
        Assert.False(ValueParsers.TryParseDouble(text, out _));
    }

    [Fact]
    public void Single_parses_and_rejects_overflow()
    {
        Assert.True(ValueParsers.TryParseSingle("0.25", out var quarter));
        Assert.Equal(0.25f, quarter);
        Assert.True(ValueParsers.TryParseSingle("-inf", out var infinity));
        Assert.Equal(float.NegativeInfinity, infinity);
        Assert.False(ValueParsers.TryParseSingle("1e39", out _));
        Assert.False(ValueParsers.TryParseSingle("x", out _));
    }

    [Fact]
    public void Decimal_parses_exactly()
    {
        Assert.True(ValueParsers.TryParseDecimal("0.1", out var tenth));
        Assert.Equal(0.1m, tenth);
        Assert.True(ValueParsers.TryParseDecimal("1e-3", out var milli));
        Assert.Equal(0.001m, milli);
        Assert.True(ValueParsers.TryParseDecimal("1_000", out var thousand));
        Assert.Equal(1000m, thousand);
        Assert.False(ValueParsers.TryParseDecimal("1e30", out _));
        Assert.False(ValueParsers.TryParseDecimal("nan", out _));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    public void Boolean_accepts_true_and_false_in_any_case(string text, bool expected)
    {
        Assert.True(ValueParsers.TryParseBoolean(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("yes")]
    [InlineData("")]
    public void Boolean_rejects_anything_else(string text)
    {
        Assert.False(ValueParsers.TryParseBoolean(text, out _));
    }

    [Theory]
    [InlineData("Bob", "Bob")]
    [InlineData("  Bob  ", "Bob")]
    [InlineData("\"Bob\"", "Bob")]
    [InlineData("'Bob'", "Bob")]
    [InlineData("\" spaced \"", " spaced ")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("'it\\'s'", "it's")]
    [InlineData("\"tab\\there\"", "tab\there")]
    [InlineData("\"\\u00e9\"", "é")]
    [InlineData("\"C:\\data\"", "C:\\data")]
    [InlineData("\"a\" \"b\"", "\"a\" \"b\"")]
    [InlineData("\"unclosed", "\"unclosed")]
    [InlineData("\"\"", "")]
    [InlineData("it's", "it's")]
    [InlineData("null", "null")]
    public void String_unquotes_quoted_text_and_keeps_bare_text(string text, string expected)
    {
        Assert.True(ValueParsers.TryParseString(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("null", true)]
    [InlineData(" None ", true)]
    [InlineData("NULL", false)]
    [InlineData("none", false)]
    [InlineData("\"null\"", false)]
    public void IsNull_knows_null_and_None(string text, bool expected)
    {
        Assert.Equal(expected, ValueParsers.IsNull(text));
    }

    [Theory]
    [InlineData("00:05:00", 0, 5, 0, 0)]
    [InlineData("1.02:03:04", 26, 3, 4, 0)]
    [InlineData("00:00:01.5", 0, 0, 1, 500)]
    [InlineData("500ms", 0, 0, 0, 500)]
    [InlineData("30s", 0, 0, 30, 0)]
    [InlineData("5m", 0, 5, 0, 0)]
    [InlineData("2h", 2, 0, 0, 0)]
    [InlineData("1d", 24, 0, 0, 0)]
    [InlineData("1.5h", 1, 30, 0, 0)]
    [InlineData("\"00:05:00\"", 0, 5, 0, 0)]
    public void TimeSpan_accepts_the_constant_format_and_unit_suffixes(string text, int hours, int minutes, int seconds, int milliseconds)
    {
        Assert.True(ValueParsers.TryParseTimeSpan(text, out var value));
        Assert.Equal(new TimeSpan(0, hours, minutes, seconds, milliseconds), value);
    }

    [Fact]
    public void TimeSpan_accepts_negative_durations()
    {
        Assert.True(ValueParsers.TryParseTimeSpan("-30s", out var value));
        Assert.Equal(TimeSpan.FromSeconds(-30), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("abc")]
    [InlineData("5x")]
    [InlineData("ms")]
    [InlineData("25:00:00")]
    [InlineData("1e300d")]
    public void TimeSpan_rejects_bare_numbers_and_garbage(string text)
    {
        Assert.False(ValueParsers.TryParseTimeSpan(text, out _));
    }

    [Fact]
    public void DateTime_reads_iso_8601_and_keeps_the_kind()
    {
        Assert.True(ValueParsers.TryParseDateTime("2024-05-01", out var date));
        Assert.Equal(new DateTime(2024, 5, 1), date);

        Assert.True(ValueParsers.TryParseDateTime("2024-05-01T12:30:00Z", out var utc));
        Assert.Equal(new DateTime(2024, 5, 1, 12, 30, 0, DateTimeKind.Utc), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);

        Assert.True(ValueParsers.TryParseDateTime("2024-05-01T12:30:00.2500000", out var local));
        Assert.Equal(DateTimeKind.Unspecified, local.Kind);
        Assert.Equal(250, local.Millisecond);

        Assert.True(ValueParsers.TryParseDateTime("\"2024-05-01 08:00\"", out var quoted));
        Assert.Equal(8, quoted.Hour);

        var original = new DateTime(2024, 5, 1, 12, 30, 0, DateTimeKind.Utc);
        Assert.True(ValueParsers.TryParseDateTime(ConfigNode.From(original).StringValue, out var roundTripped));
        Assert.Equal(original, roundTripped);
        Assert.Equal(original.Kind, roundTripped.Kind);
    }

    [Theory]
    [InlineData("05/01/2024")]
    [InlineData("May 1, 2024")]
    [InlineData("2024-13-01")]
    [InlineData("2024-05-01X")]
    [InlineData("")]
    public void DateTime_rejects_non_iso_text(string text)
    {
        Assert.False(ValueParsers.TryParseDateTime(text, out _));
    }

    [Theory]
    [InlineData("[1, 2, 3]", new[] { 1, 2, 3 })]
    [InlineData("[]", new int[0])]
    [InlineData("[ ]", new int[0])]
    [InlineData(" [1,2] ", new[] { 1, 2 })]
    [InlineData("[1, 2,]", new[] { 1, 2 })]
    [InlineData("(4, 5)", new[] { 4, 5 })]
    [InlineData("[0x10, 1_000]", new[] { 16, 1000 })]
    public void List_of_ints(string text, int[] expected)
    {
        Assert.True(ValueParsers.TryParseList<int>(text, ValueParsers.TryParseInt32, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1, 2")]
    [InlineData("[1, x]")]
    [InlineData("[1,,2]")]
    [InlineData("[,]")]
    [InlineData("[1, 2")]
    [InlineData("[1, 2)")]
    [InlineData("[[1], 2]")]
    public void List_rejects_malformed_text_or_bad_elements(string text)
    {
        Assert.False(ValueParsers.TryParseList<int>(text, ValueParsers.TryParseInt32, out var value));
        Assert.Empty(value);
    }

    [Fact]
    public void List_of_strings_respects_quotes()
    {
        Assert.True(ValueParsers.TryParseList<string>("[\"a,b\", 'c]d', e f , \"\"]", ValueParsers.TryParseString, out var value));
        Assert.Equal(["a,b", "c]d", "e f", ""], value);
    }

    [Fact]
    public void Nested_lists_parse_through_a_nested_element_parser()
    {
        static bool Row(string text, out List<double> row) => ValueParsers.TryParseList<double>(text, ValueParsers.TryParseDouble, out row);

        Assert.True(ValueParsers.TryParseList<List<double>>("[[1, 2.5], [], [3]]", Row, out var value));
        Assert.Equal(3, value.Count);
        Assert.Equal([1.0, 2.5], value[0]);
        Assert.Empty(value[1]);
        Assert.Equal([3.0], value[2]);
    }

    [Fact]
    public void List_of_nullable_elements()
    {
        static bool NullableInt(string text, out int? value)
        {
            value = null;
            if (ValueParsers.IsNull(text))
            {
                return true;
            }

            var parsed = ValueParsers.TryParseInt32(text, out var number);
            value = number;
            return parsed;
        }

        Assert.True(ValueParsers.TryParseList<int?>("[1, null, None]", NullableInt, out var value));
        Assert.Equal([1, null, null], value);
    }

    [Fact]
    public void Array_parses_like_list()
    {
        Assert.True(ValueParsers.TryParseArray<double>("[1e-3, 2]", ValueParsers.TryParseDouble, out var value));
        Assert.Equal([0.001, 2.0], value);
        Assert.False(ValueParsers.TryParseArray<double>("[a]", ValueParsers.TryParseDouble, out var failed));
        Assert.Empty(failed);
    }
}
