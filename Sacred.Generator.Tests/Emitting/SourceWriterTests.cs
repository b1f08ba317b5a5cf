using Sacred.Generator.Emitting;
using Xunit;

namespace Sacred.Generator.Tests.Emitting;

public sealed class SourceWriterTests
{
    [Fact]
    public void A_multi_line_value_keeps_the_indentation_of_its_hole_on_every_line()
    {
        var body = "var a = 1;\nreturn a;";

        var text = Code.Of($$"""
            int F()
            {
                {{body}}
            }
            """);

        Assert.Equal("int F()\n{\n    var a = 1;\n    return a;\n}", text);
    }

    [Fact]
    public void An_empty_value_alone_on_its_line_removes_the_line_wherever_it_is()
    {
        var none = string.Empty;

        Assert.Equal("{\n}", Code.Of($$"""
            {
                {{none}}
            }
            """));
        Assert.Equal("a", Code.Of($$"""
            {{none}}
            a
            """));
        Assert.Equal("a", Code.Of($$"""
            a
            {{none}}
            """));
        Assert.Equal("x =  + 1;", Code.Of($$"""x = {{none}} + 1;"""));
    }

    [Fact]
    public void Blank_lines_inside_a_value_carry_no_indentation_and_numbers_are_invariant()
    {
        var members = Code.Members(new[] { "int A;", string.Empty, "int B;" });

        var text = Code.Of($$"""
            class C
            {
                {{members}}
                const int N = {{1234567}};
            }
            """);

        Assert.Equal("class C\n{\n    int A;\n\n    int B;\n    const int N = 1234567;\n}", text);
    }
}
