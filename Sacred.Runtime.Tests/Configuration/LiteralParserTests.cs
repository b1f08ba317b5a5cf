using Sacred.Configuration;
using Xunit;

namespace Sacred.Runtime.Tests.Configuration;

public sealed class LiteralParserTests
{
    [Theory]
    [InlineData("42", "42")]
    [InlineData("-1_000", "-1000")]
    [InlineData("0.5", "0.5")]
    [InlineData("1e-3", "0.001")]
    [InlineData("-.3e-7", "-3e-08")]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("None", "null")]
    [InlineData("null", "null")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    [InlineData("'single'", "\"single\"")]
    [InlineData("Bob", "\"Bob\"")]
    [InlineData("  padded  ", "\"padded\"")]
    [InlineData("inf", "\"inf\"")]
    [InlineData("[1, 2.5, \"a\", b]", "[1, 2.5, \"a\", \"b\"]")]
    [InlineData("(1, 2)", "[1, 2]")]
    [InlineData("[]", "[]")]
    [InlineData("{}", "{}")]
    [InlineData("{\"b\": 1, \"a\": [true, null]}", "{\"a\": [true, null], \"b\": 1}")]
    [InlineData("{'depth': 3, 'inner': {'x': 'y'}}", "{\"depth\": 3, \"inner\": {\"x\": \"y\"}}")]
    [InlineData("{depth: 3,}", "{\"depth\": 3}")]
    [InlineData("{no colon}", "\"{no colon}\"")]
    [InlineData("[1, 2", "\"[1, 2\"")]
    [InlineData("99999999999999999999", "1e+20")]
    public void Parses_json_and_python_literals_else_keeps_the_text(string text, string literal)
    {
        Assert.Equal(literal, LiteralParser.Parse(text).ToLiteral());
    }
}
